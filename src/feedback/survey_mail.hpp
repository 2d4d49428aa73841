// The e-mail that carries a survey invitation (docs/design/surveys.md § Sending): subject, text
// and HTML in the invitation's language (English or German), written when the mail queue sends
// it, so a retry writes the same mail and nothing with a working link is stored. Support's
// sender adds From, To and the Message-ID; the composition root joins the two. Pure functions
// over the caller's read transaction; thread-safe.
#pragma once

#include <string>

#include "common/result.hpp"
#include "storage/database.hpp"

namespace rapport::feedback {

struct InvitationMailText {
  std::string subject;
  std::string text;
  std::string html;
};

// The mail of invitation `invitation_id` with its `link`. kNotFound when the invitation is gone
// or no longer open (answered, expired): such a mail is not sent.
Result<InvitationMailText> ComposeInvitationMail(storage::Tx& tx, const std::string& invitation_id,
                                                 const std::string& link);

}  // namespace rapport::feedback
