#include "demo/demo_interaction_templates.hpp"

#include <iterator>

#include "demo/demo_format.hpp"

namespace rapport::demo {
namespace {

using enum Kind;
using enum Direction;
using enum Sentiment;
using enum Step;

constexpr InteractionTemplate kTemplates[] = {
    {kVisit, kInbound, kUnknown, kAwareness, kWeb, 8,
     "Visited pricing page|Browsed the {product} page",
     "Viewed {pages} pages including pricing and the {plan} plan comparison; session of "
     "{minutes} minutes.|Came from a search ad, viewed {pages} pages and spent {minutes} minutes "
     "on the {product} page.",
     kRepeatable},
    {kVisit, kInbound, kUnknown, kAwareness, kWeb, 4,
     "Downloaded whitepaper|Downloaded buyer's guide",
     "Downloaded 'Getting more from your {product}' from the resources page.|Downloaded the "
     "hybrid-office buyer's guide and subscribed to product updates."},
    {kVisit, kInbound, kUnknown, kDiscovery, kWeb, 3, "Started free trial|Signed up for a trial",
     "Signed up for a 14-day trial of the {plan} plan.|Created a trial account for {seats} users "
     "on the {plan} plan."},
    {kVisit, kInbound, kNeutral, kAwareness, kWeb, 3, "Callback request|Submitted contact form",
     "Form message: 'Please call me back about {product} pricing for {seats} people.'|Form "
     "message: 'We are moving offices in {quarter} and need furniture for {seats} desks.'"},
    {kMessage, kInbound, kNeutral, kProposal, kEmail | kChat, 5,
     "Request for quote: {seats} × {product}|Quote request",
     "Hi {agent}, could you send us a quote for {seats} units of the {product}, delivered to "
     "{city}? We'd like to order before the end of {quarter}. Thanks, {first_name}|Hello, we are "
     "furnishing a new office in {city} and need {seats} × {product}. What would that cost "
     "including delivery? Best regards, {first_name}"},
    {kMessage, kInbound, kNeutral, kDiscovery, kEmail | kChat, 4,
     "Does {plan} include phone support?|Switching plans mid-term?",
     "Hi, before we sign up: does the {plan} plan include phone support and onboarding? We are "
     "{seats} people. {first_name}|Quick question: can we switch from {plan} to a bigger plan "
     "mid-term if the team grows? Thanks, {first_name}"},
    {kMessage, kOutbound, kNeutral, kProposal, kEmail, 5,
     "Follow-up after demo|Slides from today's demo",
     "Hi {first_name}, thanks for your time on {weekday}. As promised, here is a summary of the "
     "{plan} plan and the pricing we discussed. Happy to answer any questions. {agent}|Hi "
     "{first_name}, great talking to you. Attached are the slides from the demo and a link to "
     "start a trial. Best, {agent}"},
    {kMessage, kOutbound, kNeutral, kQuote, kEmail, 5,
     "Your quote for the {product}|Quote Q-{invoice}",
     "Hi {first_name}, please find attached our quote for {seats} × {product} ({amount} excl. "
     "VAT), valid for 30 days. {agent}|Hi {first_name}, here is the quote you asked for: {seats} "
     "units of the {product} at {amount} in total, delivery to {city} included. Best, {agent}"},
    {kMessage, kOutbound, kNeutral, kAwareness, kEmail, 3, "Introduction|Nice to meet you",
     "Hi {first_name}, I'm {agent} and I look after customers in {city}. If you're planning "
     "changes to your workspace, I'd be glad to help.|Hi {first_name}, thanks for stopping by "
     "our booth. As promised, here is our catalogue with the {product}."},
    {kCall, kOutbound, kPositive, kDiscovery, kPhone, 5, "Discovery call|Intro call",
     "Intro call with {first_name}. Currently using spreadsheets, {seats} people on the team, "
     "budget decision in {quarter}. Booked a demo.|First call: {first_name} wants to replace "
     "their old setup and likes the {product}. Sent a brochure, follow-up next week."},
    {kCall, kOutbound, kNeutral, kNegotiation, kPhone, 4, "Follow-up call on quote|Quote follow-up",
     "{first_name} has the quote but is comparing with another vendor. Asked us to call back in "
     "{weeks} weeks.|Discussed the quote; needs sign-off from finance. Decision expected in "
     "{quarter}."},
    {kCall, kOutbound, kUnknown, kAnytime, kPhone, 4, "Call attempt|Left voicemail",
     "No answer, left a voicemail asking {first_name} to call back about the {product}.|Tried to "
     "reach {first_name}; went to voicemail. Will try again on {weekday}.",
     kShortCall | kRepeatable},
    {kMeeting, kOutbound, kPositive, kDiscovery, kInPerson, 3,
     "Product demo in {city}|On-site demo",
     "On-site demo for {first_name} and two colleagues. Strong interest in the {product}; asked "
     "for a trial.|Demoed the {plan} plan in their {city} office; good questions about "
     "integrations, trial agreed."},
    {kMeeting, kOutbound, kNeutral, kNegotiation, kInPerson, 2,
     "Contract negotiation|Pricing discussion",
     "Discussed the {plan} contract. {first_name} pushed for a {discount}% discount; we offered "
     "less with a two-year term.|Went through the proposal line by line; open points are payment "
     "terms and delivery dates."},
    {kVisit, kInbound, kPositive, kAwareness, kInPerson, 3,
     "Showroom visit|Visited the {city} showroom",
     "{first_name} visited the {city} showroom and tried the {product}. Took a brochure; "
     "interested in a bulk price.|Came to the showroom with a colleague and spent {minutes} "
     "minutes testing the {product}. Very impressed."},
    {kMessage, kInbound, kNeutral, kAwareness, kSocial, 2,
     "Question via LinkedIn|Message on Instagram",
     "Asked whether the {product} ships to {city} and how long delivery takes.|Asked if we offer "
     "a discount for non-profits."},
    {kMessage, kInbound, kPositive, kAwareness, kChat, 2, "Chat: interested in the {product}",
     "Asked about colours and delivery times for the {product}. Sounded keen; sent the catalogue "
     "link."},
    {kMessage, kInbound, kNegative, kNegotiation, kEmail, 2, "Re: your quote|Too expensive",
     "Thanks for the quote, but {amount} is well above our budget. We'll have to pass for now. "
     "{first_name}|Honestly, the {plan} plan is too expensive for a team of our size. "
     "{first_name}"},
    {kNote, kInternal, kNeutral, kDiscovery, kPhone | kInPerson, 2,
     "Note: decision process|Note: buying committee",
     "{first_name} signs off on purchases up to {limit}; anything larger goes to the CFO.|The "
     "decision needs IT's approval; a security questionnaire is on its way."},
    {kNote, kInternal, kNeutral, kProposal, kPhone | kInPerson | kEmail, 2, "Note: competitor",
     "Mentioned they are also talking to a competitor; price is the main factor.|Currently uses "
     "a competitor's product; their contract ends in {quarter}."},

    {kMessage, kOutbound, kPositive, kOngoing, kEmail, 6,
     "Order {order} has shipped|Your order is on its way",
     "Good news, {first_name}: order {order} left our warehouse today and should arrive within "
     "{days} business days. {agent}|Hi {first_name}, your {product} has shipped with order "
     "{order}. You'll find the tracking link in your account. {agent}",
     kRepeatable},
    {kMessage, kOutbound, kNeutral, kOngoing, kSms, 4, "Delivery update|Appointment reminder",
     "Your order {order} arrives on {weekday}; the driver will call 30 minutes ahead.|Reminder: "
     "your appointment with {agent} is on {weekday} at {time}. Reply C to confirm.",
     kRepeatable},
    {kMessage, kInbound, kPositive, kAnytime, kSms, 2, "Re: appointment|Confirmed",
     "Confirmed, see you {weekday}!|Perfect, thanks {agent}!", kRepeatable},
    {kMessage, kInbound, kNeutral, kAnytime, kSms, 2, "Running late|Reschedule",
     "Running about {minutes} minutes late, sorry!|Can we move tomorrow's appointment to {time}?"},
    {kMessage, kInbound, kNeutral, kOngoing, kEmail | kChat, 6,
     "Question about invoice #{invoice}|Copy of invoice #{invoice}",
     "Hi, could you explain the line item for the {product} on invoice #{invoice}? The amount of "
     "{amount} looks higher than last month. Thanks, {first_name}|Hello {agent}, our accounts "
     "team needs a copy of invoice #{invoice} with our VAT number on it. Regards, {first_name}",
     kRepeatable},
    {kMessage, kInbound, kNegative, kOngoing, kEmail | kChat | kSocial, 5,
     "Delivery delayed|Order {order} still not here",
     "Our order {order} was supposed to arrive {days} days ago and the tracking hasn't changed. "
     "Please tell us what's going on. {first_name}|Hi, the {product} we ordered still hasn't "
     "arrived and nobody answers the phone. This is not acceptable. {first_name}",
     kRepeatable},
    {kMessage, kInbound, kNegative, kOngoing, kEmail | kChat, 3,
     "{product} arrived damaged|Damaged items in order {order}",
     "The {product} arrived with a cracked frame. Photos attached. We need a replacement before "
     "{weekday}. {first_name}|Two of the units in order {order} were damaged in transit. "
     "How do we proceed? {first_name}"},
    {kMessage, kInbound, kNegative, kOngoing, kEmail | kChat, 2, "Charged twice|Duplicate payment",
     "We were charged {amount} twice this month (invoice #{invoice}). Please refund the "
     "duplicate. {first_name}"},
    {kMessage, kInbound, kNegative, kLeaving, kEmail, 2,
     "Cancel subscription|Cancellation of our {plan} plan",
     "Please cancel our {plan} subscription at the end of the current term. The price increase "
     "doesn't work for us. {first_name}|We've decided not to renew. Please confirm the "
     "cancellation in writing. {first_name}"},
    {kMessage, kInbound, kNegative, kOngoing, kEmail | kSocial, 2,
     "Still waiting for a reply (ticket {ticket})|No answer on ticket {ticket}",
     "I wrote {days} days ago about ticket {ticket} and haven't heard back. This is frustrating. "
     "{first_name}"},
    {kMessage, kInbound, kPositive, kOngoing, kEmail | kChat | kSocial | kSms, 5,
     "Thanks for the quick help|Thank you!",
     "Just wanted to say thanks to {agent} for the quick help last {weekday}. Everything works "
     "perfectly now. {first_name}|The {product} arrived a day early and looks great. Thank you! "
     "{first_name}",
     kRepeatable},
    {kMessage, kInbound, kPositive, kOngoing, kEmail, 3,
     "Great experience with the {product}|Ordering more",
     "We've been using the {product} for {weeks} weeks and the team loves it. Could you send a "
     "quote for {seats} more? {first_name}|Everyone in the office wants one now. Can we add "
     "{seats} more to our next order? {first_name}"},
    {kMessage, kInbound, kNeutral, kOngoing, kEmail | kChat, 2,
     "Change of billing address|New delivery address",
     "Hello, we have moved. Please send future invoices to our new address in {city} and "
     "confirm once updated. {first_name}|Please deliver future orders to our new office in "
     "{city}. Thanks, {first_name}"},
    {kMessage, kInbound, kNeutral, kOngoing, kEmail | kChat, 3,
     "How do I export my data?|Adding users",
     "Hi, where can I export our contact list as CSV? I couldn't find it under Settings. "
     "{first_name}|How do I add {seats} new colleagues to our {plan} account? {first_name}"},
    {kMessage, kOutbound, kNeutral, kOngoing, kEmail, 4,
     "Renewal of your {plan} subscription|Your renewal is coming up",
     "Hi {first_name}, your {plan} subscription renews in {days} days. Reply if you'd like to "
     "change the number of seats before then. {agent}"},
    {kMessage, kOutbound, kNeutral, kOngoing, kEmail, 2, "Payment reminder for invoice #{invoice}",
     "Hi {first_name}, our records show invoice #{invoice} ({amount}) is {days} days overdue. "
     "Could you check on your side? {agent}",
     kRepeatable},
    {kMessage, kOutbound, kNeutral, kOngoing, kEmail, 2, "Sorry about the delay on order {order}",
     "Hi {first_name}, apologies: order {order} is held up at the carrier. We've upgraded "
     "shipping at no cost; the new delivery date is {weekday}. {agent}"},
    {kMessage, kOutbound, kPositive, kWelcome, kEmail, 3,
     "Welcome aboard|Welcome to the {plan} plan",
     "Hi {first_name}, welcome! Your account is ready, and I'll be your contact person. Reach "
     "out any time. {agent}"},
    {kMessage, kOutbound, kNeutral, kOngoing, kEmail, 3,
     "Checking in|How is the {product} working out?",
     "Hi {first_name}, it's been a while. How is the {product} working out for your team? "
     "{agent}",
     kRepeatable},
    {kMessage, kOutbound, kNeutral, kOngoing, kEmail, 2, "Invitation: customer evening in {city}",
     "Hi {first_name}, we're hosting a small customer evening in {city} next month with a "
     "preview of new products. Would you like to join? {agent}"},
    {kCall, kInbound, kPositive, kOnboarding, kPhone, 5,
     "Help setting up the {product}|Support call: admin settings",
     "{first_name} couldn't get the {product} set up. Walked through it step by step; all "
     "working now.|Called with questions about the {plan} admin settings; resolved on the call, "
     "very friendly."},
    {kCall, kInbound, kNegative, kOngoing, kPhone, 3,
     "Complaint about delivery|Escalation: late order",
     "Very upset that order {order} is late again. Escalated to logistics; promised an update "
     "within 24 hours."},
    {kCall, kInbound, kNeutral, kOngoing, kPhone, 3,
     "Billing question|Question about invoice #{invoice}",
     "Asked why invoice #{invoice} includes {amount} for extra seats. Explained prorating; "
     "satisfied with the answer.",
     kRepeatable},
    {kCall, kInbound, kNegative, kLeaving, kPhone, 2, "Cancellation request",
     "Wants to cancel {plan}; says the tool is too complex for the team. Offered a training "
     "session, will decide by {weekday}."},
    {kMessage, kInbound, kNegative, kLeaving, kChat, 1, "Chat: close my account",
     "Asked to close the account at the end of the term; not using the {plan} plan enough to "
     "justify the cost."},
    {kCall, kInbound, kPositive, kOngoing, kPhone, 2,
     "Upsell: more seats|Interested in the {product}",
     "Called to ask about adding {seats} seats and the {product}. Very happy with the service so "
     "far."},
    {kCall, kOutbound, kNeutral, kOngoing, kPhone, 4, "Renewal discussion|Renewal call",
     "Called {first_name} about the upcoming {plan} renewal. Open to a two-year term if we can "
     "hold last year's price. Sending a proposal."},
    {kCall, kOutbound, kNeutral, kOngoing, kPhone, 2, "Payment reminder call",
     "Reminded {first_name} about invoice #{invoice}. Promised payment by {weekday}.", kRepeatable},
    {kCall, kOutbound, kPositive, kOngoing, kPhone, 3, "Satisfaction check-in",
     "Quick check-in call. {first_name} is happy with the {product} and might roll it out to "
     "the {city} office in {quarter}.",
     kRepeatable},
    {kMeeting, kOutbound, kPositive, kOngoing, kInPerson, 3,
     "Quarterly business review|Business review {quarter}",
     "Reviewed usage with {first_name}: adoption up, two open support tickets. Agreed on next "
     "steps for {quarter}.",
     kRepeatable},
    {kMeeting, kOutbound, kNegative, kOngoing, kInPerson, 1, "Escalation meeting",
     "Met {first_name} to address repeated delivery problems. Tense meeting; agreed on a weekly "
     "status call until resolved."},
    {kMeeting, kOutbound, kPositive, kOnboarding, kInPerson, 2,
     "Onboarding workshop|Training session for the team",
     "Half-day workshop with {seats} people from {first_name}'s team. Set up accounts and "
     "templates; everyone left with a working setup.",
     kLongMeeting},
    {kVisit, kInbound, kNegative, kOngoing, kInPerson, 1,
     "Returned item in store|Return at the {city} showroom",
     "Returned a faulty {product}, refunded {price}. Not happy about the quality."},
    {kVisit, kInbound, kNeutral, kOngoing, kInPerson, 2, "Picked up order {order}",
     "Collected order {order} at the {city} counter.|Picked up a replacement {product} at the "
     "showroom.",
     kRepeatable},
    {kMessage, kInbound, kNeutral, kOngoing, kChat, 4,
     "Chat: order status|Chat: where is my order?",
     "Asked where order {order} is. Shared the tracking link.|Asked for the delivery date of "
     "order {order}; confirmed {weekday}.",
     kRepeatable},
    {kMessage, kInbound, kNeutral, kOngoing, kChat, 3, "Chat: can't log in|Chat: locked out",
     "Locked out after too many attempts. Unlocked the account and explained two-factor "
     "setup."},
    {kMessage, kInbound, kNegative, kOngoing, kChat, 2, "Chat: refund still missing",
     "Refund for order {order} still not on the card after {days} days. Customer very annoyed; "
     "escalated to billing."},
    {kMessage, kInbound, kPositive, kOngoing, kSocial, 2,
     "Mention: loving the {product}|Five-star review",
     "Posted a photo of the new {product}: 'Best upgrade to our office this year.'|Left a "
     "five-star review praising {agent}'s support."},
    {kMessage, kInbound, kNegative, kOngoing, kSocial, 2,
     "Public complaint about wait time|One-star review",
     "Posted that nobody answered for {days} days. Replied publicly and moved the conversation "
     "to direct messages.|One-star review: 'Delivery took {weeks} weeks longer than promised.'"},
    {kMessage, kOutbound, kPositive, kOngoing, kSocial, 1, "Reply to review",
     "Thanked {first_name} publicly for the kind review of the {product}."},
    {kVisit, kInbound, kUnknown, kOngoing, kWeb, 3, "Visited help centre|Read help articles",
     "Read {pages} help articles about {plan} account settings.|Viewed the {product} setup guide "
     "and the returns policy.",
     kRepeatable},
    {kNote, kInternal, kPositive, kOngoing, kPhone | kInPerson, 2, "Note: champion",
     "{first_name} is recommending us internally and offered to act as a reference."},
    {kNote, kInternal, kNegative, kOngoing, kPhone | kEmail, 2, "Note: churn risk|Note: at risk",
     "Usage down sharply over the last {weeks} weeks and two complaints. Flagged as churn risk."},
    {kNote, kInternal, kNeutral, kAnytime, kPhone | kEmail | kInPerson, 2,
     "Note: best time to call|Note: preferences",
     "Prefers calls before 10:00 local time; avoid {weekday}s.|Prefers e-mail over phone; copy "
     "the office manager on invoices."},
    {kNote, kInternal, kNeutral, kOngoing, kEmail | kPhone, 1, "Note: account handover",
     "Account handed over from {agent2} to {agent}. Open items: invoice #{invoice}, renewal in "
     "{quarter}."},
};

constexpr unsigned ChannelsFor(Kind kind) {
  switch (kind) {
    case kMessage:
      return kEmail | kChat | kSocial | kSms;
    case kCall:
      return kPhone;
    case kMeeting:
      return kInPerson;
    case kVisit:
      return kInPerson | kWeb;
    case kNote:
      return kEmail | kPhone | kChat | kSocial | kInPerson | kWeb | kSms;
  }
  return 0;
}

constexpr bool TemplatesAreConsistent() {
  for (const InteractionTemplate& t : kTemplates) {
    const size_t subjects = CountAlternatives(t.subject);
    const size_t bodies = CountAlternatives(t.body);
    if (subjects != bodies && subjects != 1 && bodies != 1) return false;
    if (t.channels == 0 || (t.channels & ~ChannelsFor(t.kind)) != 0) return false;
    if ((t.kind == kNote) != (t.direction == kInternal)) return false;
    if (t.weight <= 0) return false;
  }
  // Every block can be drawn for any customer: each has a template on a channel that needs no
  // contact details (chat, social, in person, web).
  for (const Block block : {Block::kPreSale, Block::kPostSale, Block::kLeaving}) {
    bool reachable = false;
    for (const InteractionTemplate& t : kTemplates) {
      reachable |= InBlock(t.step, block) && (t.channels & (kChat | kSocial | kInPerson | kWeb));
    }
    if (!reachable) return false;
  }
  return true;
}
static_assert(TemplatesAreConsistent(), "a template's alternatives, channels or blocks do not fit");
static_assert(std::size(kTemplates) <= kMaxInteractionTemplates);

constexpr std::string_view kChannelNames[kChannelCount] = {"email",     "phone", "chat", "social",
                                                           "in_person", "web",   "sms"};

}  // namespace

std::string_view ChannelName(size_t index) { return kChannelNames[index]; }

std::string_view KindName(Kind kind) {
  switch (kind) {
    case kMessage:
      return "message";
    case kCall:
      return "call";
    case kMeeting:
      return "meeting";
    case kVisit:
      return "visit";
    case kNote:
      return "note";
  }
  return "note";
}

std::string_view DirectionName(Direction direction) {
  switch (direction) {
    case kInbound:
      return "inbound";
    case kOutbound:
      return "outbound";
    case kInternal:
      return "internal";
  }
  return "internal";
}

std::string_view SentimentName(Sentiment sentiment) {
  switch (sentiment) {
    case kPositive:
      return "positive";
    case kNeutral:
      return "neutral";
    case kNegative:
      return "negative";
    case kUnknown:
      return "unknown";
  }
  return "unknown";
}

std::span<const InteractionTemplate> InteractionTemplates() { return kTemplates; }

}  // namespace rapport::demo
