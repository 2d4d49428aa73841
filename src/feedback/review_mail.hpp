// The e-mail that carries a review request (docs/design/reviews.md § Collecting): subject, text
// and HTML in the request's language (English or German), naming the product when the request
// is about one, written when the mail queue sends it — so a retry writes the same mail and no
// working link is stored. The composition root joins it to support's sender as
// survey_mail.hpp's. Pure functions over the caller's read transaction; thread-safe.
#pragma once

#include <string>

#include "common/result.hpp"
#include "feedback/survey_mail.hpp"
#include "storage/database.hpp"

namespace rapport::feedback {

// The mail of request `request_id` with its `link`. kNotFound when the request is gone or no
// longer open (reviewed, expired): such a mail is not sent.
Result<InvitationMailText> ComposeReviewRequestMail(storage::Tx& tx, const std::string& request_id,
                                                    const std::string& link);

}  // namespace rapport::feedback
