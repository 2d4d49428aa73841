// Which mail came from a machine, and which ticket a subject names.
//
// ClassifyOrigin decides MailOrigin (mail_message.hpp) from a parsed message, so that the service
// never opens a ticket for, and never auto-answers, an auto-reply or a bounce: two
// auto-responders answering each other is the classic mail loop. Signals, any one suffices:
//   bounce     multipart/report with report-type=delivery-status; a sender whose local part is
//              MAILER-DAEMON or postmaster; an empty Return-Path ("<>", the null sender RFC 5321
//              §4.5.5 reserves for notifications)
//   automatic  any other multipart/report (read receipts, RFC 8098); Auto-Submitted other than
//              "no" (RFC 3834); Precedence bulk, junk or list;
//              X-Autoreply or X-Autorespond present; X-Auto-Response-Suppress present (Exchange
//              sets it on what it sends automatically); List-Id or List-Unsubscribe do NOT count
//              (a person may write through a list the desk subscribes to)
// A bounce is also automatic; callers treat both alike except that a bounce may later mark the
// outgoing message it reports on as failed.
//
// Ticket references in subjects. The desk writes "[#1042]" into the subject of every mail about
// ticket 1042 (FormatTicketReference); ExtractTicketReference finds the first "[#<digits>]" in a
// subject, with any prefix ("Re: AW: [#1042] ..."), at most kMaxTicketDigits digits. Whether the
// sender may thread onto that ticket is the support area's rule, not this one's.
//
// Thread-safe (no state).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "mail/mail_message.hpp"

namespace rapport::mail {

// Ticket numbers are sequential; 15 digits is far beyond any desk and far inside int64_t.
inline constexpr size_t kMaxTicketDigits = 15;

MailOrigin ClassifyOrigin(const ParsedMessage& message);

std::optional<int64_t> ExtractTicketReference(std::string_view subject);

// "[#1042]".
std::string FormatTicketReference(int64_t number);

// `subject` with "[#number] " in front unless it already carries that reference.
std::string SubjectWithTicketReference(std::string_view subject, int64_t number);

}  // namespace rapport::mail
