// The templates demo interaction histories are drawn from: subject and body text with
// {placeholders}, and the channel, kind, direction, sentiment and place in a customer's story
// that go with them. Private to src/demo. Constant data; thread-safe.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace rapport::demo {

// Channels as bits so that a template can allow several; bit i is ChannelName(i).
enum ChannelBit : unsigned {
  kEmail = 1u << 0,
  kPhone = 1u << 1,
  kChat = 1u << 2,
  kSocial = 1u << 3,
  kInPerson = 1u << 4,
  kWeb = 1u << 5,
  kSms = 1u << 6,
};
constexpr size_t kChannelCount = 7;
// The API's name of channel bit `index` ("email" ... "sms"). REQUIRES: index < kChannelCount.
std::string_view ChannelName(size_t index);

enum class Kind { kMessage, kCall, kMeeting, kVisit, kNote };
enum class Direction { kInbound, kOutbound, kInternal };
enum class Sentiment { kPositive, kNeutral, kNegative, kUnknown };
constexpr size_t kSentimentCount = 4;
std::string_view KindName(Kind kind);
std::string_view DirectionName(Direction direction);
std::string_view SentimentName(Sentiment sentiment);

// Where in a customer's story a template belongs. A history is told in blocks: pre-sale for
// everyone, then post-sale for customers and former customers, and for those who churned one
// leaving interaction at the end. Within a block the drawn templates are put in step order, so
// that the demo comes before the quote and the welcome mail before the first support call.
enum class Step {
  // Pre-sale.
  kAwareness,
  kDiscovery,
  kProposal,
  kQuote,
  kNegotiation,
  // After the first order; kLeaving only ends a churned customer's history.
  kWelcome,
  kOnboarding,
  kOngoing,
  kLeaving,
  // Either block.
  kAnytime,
};
enum class Block { kPreSale, kPostSale, kLeaving };
constexpr size_t kBlockCount = 3;

constexpr bool InBlock(Step step, Block block) {
  switch (block) {
    case Block::kPreSale:
      return step == Step::kAwareness || step == Step::kDiscovery || step == Step::kProposal ||
             step == Step::kQuote || step == Step::kNegotiation || step == Step::kAnytime;
    case Block::kPostSale:
      return step == Step::kWelcome || step == Step::kOnboarding || step == Step::kOngoing ||
             step == Step::kAnytime;
    case Block::kLeaving:
      return step == Step::kLeaving;
  }
  return false;
}

// Sort key within a block. Anytime templates sit with the bulk of their block: with discovery
// before the sale, with ongoing business after it.
constexpr int StoryOrder(Step step, Block block) {
  if (step == Step::kAnytime) {
    return static_cast<int>(block == Block::kPreSale ? Step::kDiscovery : Step::kOngoing);
  }
  return static_cast<int>(step);
}

enum TemplateFlag : unsigned {
  kRepeatable = 1u << 0,   // may occur more than once in a history (another order, invoice ...)
  kShortCall = 1u << 1,    // a voicemail: seconds, not minutes
  kLongMeeting = 1u << 2,  // a workshop: hours
};

// Subject and body are '|'-separated alternatives with {placeholders} (filled in by
// demo_interactions.cpp). Alternatives pair up by position, the i-th subject going with the i-th
// body, so a side with several must match the other's count unless the other has just one.
// Channels must suit the kind: messages go by e-mail, chat, social or SMS, calls by phone,
// meetings in person, visits in person or on the web; notes are internal and name the channel
// they record. demo_interaction_templates.cpp checks these rules at compile time.
struct InteractionTemplate {
  Kind kind;
  Direction direction;
  Sentiment sentiment;
  Step step;
  unsigned channels;  // ChannelBit
  int weight;         // relative frequency before the customer's mood is applied
  std::string_view subject;
  std::string_view body;
  unsigned flags = 0;  // TemplateFlag
};

// Upper bound on InteractionTemplates().size(), so that a history can track the templates it has
// used in a bitset.
constexpr size_t kMaxInteractionTemplates = 128;

std::span<const InteractionTemplate> InteractionTemplates();

}  // namespace rapport::demo
