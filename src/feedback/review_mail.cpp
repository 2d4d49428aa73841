#include "feedback/review_mail.hpp"

#include "common/html_escape.hpp"
#include "common/time.hpp"

namespace rapport::feedback {
namespace {

constexpr std::string_view kRequest =
    "SELECT r.status, r.expires_at, r.language, c.first_name, p.name FROM review_requests r "
    "JOIN customers c ON c.id = r.customer_id LEFT JOIN products p ON p.id = r.product_id "
    "WHERE r.id = ?";

struct Words {
  std::string_view subject;        // followed by the product's name, or the business's ask
  std::string_view subject_plain;  // without a product
  std::string_view greeting;       // followed by ", <first name>," or ","
  std::string_view ask;            // followed by " <product>" and ask_after
  std::string_view ask_after;
  std::string_view ask_plain;
  std::string_view validity;  // followed by the date
  std::string_view button;
};

constexpr Words kEnglish{.subject = "How do you like it? ",
                         .subject_plain = "How did we do?",
                         .greeting = "Hello",
                         .ask = "thank you for your order. Would you tell others what you think of",
                         .ask_after = "?",
                         .ask_plain = "thank you for your order. Would you tell others how we did",
                         .validity = "The link is for you alone and works until",
                         .button = "Write a review"};
constexpr Words kGerman{
    .subject = "Wie gef\u00e4llt es Ihnen? ",
    .subject_plain = "Wie waren wir?",
    .greeting = "Hallo",
    .ask = "vielen Dank f\u00fcr Ihre Bestellung. M\u00f6chten Sie anderen sagen, wie Ihnen",
    .ask_after = " gef\u00e4llt?",
    .ask_plain =
        "vielen Dank f\u00fcr Ihre Bestellung. M\u00f6chten Sie anderen sagen, wie zufrieden "
        "Sie mit uns sind",
    .validity = "Der Link gilt nur f\u00fcr Sie und bis zum",
    .button = "Bewertung schreiben"};

}  // namespace

Result<InvitationMailText> ComposeReviewRequestMail(storage::Tx& tx, const std::string& request_id,
                                                    const std::string& link) {
  RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(kRequest, {request_id}));
  if (rows.empty()) return Error::NotFound("The request of this mail is gone.");
  const storage::Row& row = rows.front();
  const std::optional<std::string> expires_at = row.OptText(1);
  if (row.Text(0) != "sent" || (expires_at && *expires_at <= NowInstant())) {
    return Error::NotFound("The request of this mail is no longer open.");
  }
  const Words& words = row.Text(2) == "de" ? kGerman : kEnglish;
  const std::string name = row.IsNull(3) ? "" : row.Text(3);
  const std::optional<std::string> product = row.OptText(4);
  const std::string greeting =
      std::string(words.greeting) + (name.empty() ? "," : " " + name + ",");
  const std::string ask =
      product ? std::string(words.ask) + " " + *product + std::string(words.ask_after)
              : std::string(words.ask_plain) + "?";
  const std::string until = expires_at ? expires_at->substr(0, 10) : "";
  InvitationMailText out;
  out.subject = product ? std::string(words.subject) + *product : std::string(words.subject_plain);
  out.text = greeting + "\n\n" + ask + "\n\n" + link + "\n\n" + std::string(words.validity) + " " +
             until + ".\n";
  const std::string safe_link = EscapeHtml(link);
  out.html = "<p>" + EscapeHtml(greeting) + "</p>\n<p>" + EscapeHtml(ask) + "</p>\n<p><a href=\"" +
             safe_link + "\">" + EscapeHtml(words.button) + "</a></p>\n<p>" +
             EscapeHtml(words.validity) + " " + EscapeHtml(until) + ".</p>";
  return out;
}

}  // namespace rapport::feedback
