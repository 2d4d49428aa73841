#include "demo/demo_interactions.hpp"

#include <algorithm>
#include <array>
#include <bitset>
#include <cstdio>
#include <optional>
#include <string>

#include "common/time.hpp"
#include "demo/demo_format.hpp"
#include "demo/demo_interaction_templates.hpp"
#include "demo/demo_vocabulary.hpp"

namespace rapport::demo {
namespace {

// When a template allows several channels, how often each is used relative to the others (in
// ChannelBit order): e-mail is the everyday channel, social the rare one.
constexpr int kChannelWeights[kChannelCount] = {8, 3, 4, 1, 2, 2, 2};

// A customer's mood tilts which templates are drawn: happy customers write thank-you notes,
// unhappy ones complain. Multipliers per sentiment, in Sentiment order.
enum class Mood { kHappy, kNeutral, kUnhappy };
constexpr size_t kMoodCount = 3;
constexpr int kMoodSentimentFactor[kMoodCount][kSentimentCount] = {
    {6, 4, 1, 4},  // happy
    {2, 4, 2, 4},  // neutral
    {1, 4, 6, 4},  // unhappy
};

using WeightTable = std::vector<int>;  // per template, in InteractionTemplates() order
using TemplateSet = std::bitset<kMaxInteractionTemplates>;

// Effective template weights for every (block, mood); built once, read-only afterwards.
const WeightTable& WeightsFor(Block block, Mood mood) {
  static const auto kTables = [] {
    const std::span<const InteractionTemplate> templates = InteractionTemplates();
    std::array<std::array<WeightTable, kMoodCount>, kBlockCount> tables;
    for (size_t b = 0; b < kBlockCount; ++b) {
      for (size_t m = 0; m < kMoodCount; ++m) {
        tables[b][m].resize(templates.size());
        for (size_t i = 0; i < templates.size(); ++i) {
          const InteractionTemplate& t = templates[i];
          tables[b][m][i] = InBlock(t.step, static_cast<Block>(b))
                                ? t.weight * kMoodSentimentFactor[m][static_cast<int>(t.sentiment)]
                                : 0;
        }
      }
    }
    return tables;
  }();
  return kTables[static_cast<int>(block)][static_cast<int>(mood)];
}

// How long before now a history runs, in days, and how many interactions it has.
struct HistoryShape {
  int64_t first_days_ago;
  int64_t last_days_ago;
  int count;
};

constexpr int64_t kHistoryDays = 730;  // "the last two years"

HistoryShape ShapeFor(LifecycleStage stage, DemoRandom& random) {
  switch (stage) {
    case LifecycleStage::kLead:
      return {random.Between(2, 180), 0, static_cast<int>(random.Between(2, 5))};
    case LifecycleStage::kProspect:
      return {random.Between(14, 400), 0, static_cast<int>(random.Between(3, 8))};
    case LifecycleStage::kCustomer:
      return {random.Between(90, kHistoryDays), 0, static_cast<int>(random.Between(4, 15))};
    case LifecycleStage::kChurned: {
      // Churned customers went quiet some months ago.
      const int64_t last = random.Between(45, 300);
      const int64_t first = std::min(kHistoryDays, last + random.Between(90, 500));
      return {first, last, static_cast<int>(random.Between(3, 12))};
    }
  }
  return {kHistoryDays, 0, 2};
}

Mood MoodFor(LifecycleStage stage, DemoRandom& random) {
  static constexpr int kCustomerMoods[] = {45, 40, 15};
  static constexpr int kChurnedMoods[] = {10, 30, 60};
  static constexpr int kPreSaleMoods[] = {30, 60, 10};
  switch (stage) {
    case LifecycleStage::kCustomer:
      return static_cast<Mood>(random.PickWeighted(kCustomerMoods));
    case LifecycleStage::kChurned:
      return static_cast<Mood>(random.PickWeighted(kChurnedMoods));
    default:
      return static_cast<Mood>(random.PickWeighted(kPreSaleMoods));
  }
}

// A moment strictly before now, `days_ago` days back (or the Friday before, for most weekend
// days), in office hours (08:00-18:00) in the customer's city. Only when that moment is still to
// come today does it move to the hours just before now.
int64_t OfficeHoursInstant(int64_t now_millis, int64_t days_ago, int utc_offset_minutes,
                           DemoRandom& random) {
  constexpr int kOfficeOpensMinute = 8 * 60;
  constexpr int kOfficeClosesMinute = 18 * 60;
  constexpr int kWeekendMovedPercent = 85;  // some people do write on Sundays
  const int64_t today = now_millis / kMillisPerDay;
  int64_t day = today - days_ago;
  const int weekday = Weekday(day);
  if ((weekday == 6 || weekday == 0) && random.Percent(kWeekendMovedPercent)) {
    day -= weekday == 6 ? 1 : 2;  // to the Friday before
  }
  const int64_t local_minute = random.Between(kOfficeOpensMinute, kOfficeClosesMinute - 1);
  int64_t instant = day * kMillisPerDay + (local_minute - utc_offset_minutes) * kMillisPerMinute +
                    random.Between(0, kMillisPerMinute - 1);
  if (instant >= now_millis) {
    // Today's office hours have not come yet: move it to earlier today.
    instant = now_millis - random.Between(kMillisPerMinute, 6 * kMillisPerHour);
  }
  return instant;
}

// "€12,491.57"; whole amounts without cents ("€5,000"). Texts are English, so are the separators.
std::string FormatAmount(std::string_view currency, int64_t cents) {
  const std::string digits = std::to_string(cents / 100);
  std::string out(currency);
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  if (cents % 100 != 0) {
    char fraction[8];
    std::snprintf(fraction, sizeof fraction, ".%02d", static_cast<int>(cents % 100));
    out += fraction;
  }
  return out;
}

// Placeholder values for one interaction, made on first use so that a number named twice
// (subject and body) is the same number.
class Filler {
 public:
  Filler(const InteractionProfile& profile, std::string_view agent, std::string_view agent2,
         std::string_view product, std::string_view plan, int64_t occurred_at, DemoRandom& random)
      : profile_(profile),
        agent_(agent),
        agent2_(agent2),
        product_(product),
        plan_(plan),
        occurred_at_(occurred_at),
        random_(random) {}

  // Replaces every {name} in `text`. Unknown names are kept as written, which the tests catch.
  std::string Fill(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 32);
    size_t pos = 0;
    while (pos < text.size()) {
      const size_t open = text.find('{', pos);
      const size_t close = open == std::string_view::npos ? open : text.find('}', open);
      if (close == std::string_view::npos) {
        out += text.substr(pos);
        break;
      }
      out += text.substr(pos, open - pos);
      out += Value(text.substr(open + 1, close - open - 1), text.substr(open, close - open + 1));
      pos = close + 1;
    }
    return out;
  }

 private:
  enum Slot {
    kInvoice,
    kOrder,
    kTicket,
    kAmount,
    kPrice,
    kLimit,
    kSeats,
    kDays,
    kWeeks,
    kMinutes,
    kPages,
    kWeekday,
    kTime,
    kDiscount,
    kSlotCount
  };

  std::string Value(std::string_view name, std::string_view as_written) {
    if (name == "first_name") return std::string(profile_.first_name);
    if (name == "city") return std::string(profile_.city);
    if (name == "agent") return std::string(agent_);
    if (name == "agent2") return std::string(agent2_);
    if (name == "product") return std::string(product_);
    if (name == "plan") return std::string(plan_);
    if (name == "quarter") return NextQuarter();
    static constexpr std::pair<std::string_view, Slot> kSlots[] = {
        {"invoice", kInvoice}, {"order", kOrder},      {"ticket", kTicket}, {"amount", kAmount},
        {"limit", kLimit},     {"price", kPrice},      {"seats", kSeats},   {"days", kDays},
        {"weeks", kWeeks},     {"minutes", kMinutes},  {"pages", kPages},   {"weekday", kWeekday},
        {"time", kTime},       {"discount", kDiscount}};
    for (const auto& [slot_name, slot] : kSlots) {
      if (slot_name != name) continue;
      if (!slots_[slot]) slots_[slot] = Make(slot);
      return *slots_[slot];
    }
    return std::string(as_written);
  }

  std::string Make(Slot slot) {
    static constexpr std::string_view kWeekdays[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                                     "Friday"};
    static constexpr std::string_view kTimes[] = {"8:30",  "9:00",  "9:30",  "10:00", "11:00",
                                                  "13:30", "14:00", "15:30", "16:00"};
    switch (slot) {
      case kInvoice:
        return std::to_string(random_.Between(1000, 99999));
      case kOrder:
        return "SO-" + std::to_string(random_.Between(10000, 99999));
      case kTicket:
        return "T-" + std::to_string(random_.Between(10000, 99999));
      case kAmount:
        return FormatAmount(profile_.currency, random_.Between(9000, 2400000));
      case kPrice:
        return FormatAmount(profile_.currency, random_.Between(3900, 149000));
      case kLimit:
        return FormatAmount(profile_.currency, random_.Between(1, 50) * 100000);
      case kSeats:
        return std::to_string(random_.Between(2, 40));
      case kDays:
        return std::to_string(random_.Between(2, 14));
      case kWeeks:
        return std::to_string(random_.Between(2, 12));
      case kMinutes:
        return std::to_string(random_.Between(4, 25));
      case kPages:
        return std::to_string(random_.Between(3, 14));
      case kWeekday:
        return std::string(random_.Pick(std::span(kWeekdays)));
      case kTime:
        return std::string(random_.Pick(std::span(kTimes)));
      case kDiscount:
        return std::to_string(random_.Between(10, 20));
      case kSlotCount:
        break;
    }
    return "";
  }

  // "Q3" for the quarter after the one the interaction happens in.
  std::string NextQuarter() const {
    const CivilDate date = CivilFromDays(occurred_at_ / kMillisPerDay);
    const int quarter = (date.month - 1) / 3 + 1;
    // Not "Q" + to_string(...): GCC 12 -O2 reports a false -Wrestrict on that concatenation.
    std::string label(1, 'Q');
    label += static_cast<char>('1' + quarter % 4);
    return label;
  }

  const InteractionProfile& profile_;
  std::string_view agent_;
  std::string_view agent2_;
  std::string_view product_;
  std::string_view plan_;
  int64_t occurred_at_;
  DemoRandom& random_;
  std::array<std::optional<std::string>, kSlotCount> slots_;
};

unsigned AvailableChannels(const InteractionProfile& profile) {
  unsigned channels = kChat | kSocial | kInPerson | kWeb;
  if (profile.has_email) channels |= kEmail;
  if (profile.has_phone) channels |= kPhone;
  if (profile.has_mobile) channels |= kSms;
  return channels;
}

// Draws the templates of one block of a history, in story order. A template is usable if the
// customer can be reached on one of its channels; every block has templates on channels that
// need no contact details (checked at compile time), so the loop ends. Within the first
// kFreshAttempts draws it must also be new to the history unless repeatable, and never the same
// as the one before; after that any usable template will do, so a long history of a customer
// with few channels cannot stall.
void DrawBlock(Block block, size_t count, Mood mood, unsigned available, DemoRandom& random,
               TemplateSet& used, std::vector<size_t>& story) {
  constexpr int kFreshAttempts = 24;
  const WeightTable& weights = WeightsFor(block, mood);
  const size_t block_start = story.size();
  for (size_t drawn = 0; drawn < count; ++drawn) {
    for (int attempt = 0;; ++attempt) {
      const size_t candidate = random.PickWeighted(weights);
      const InteractionTemplate& t = InteractionTemplates()[candidate];
      if ((t.channels & available) == 0) continue;
      const bool fresh = (!used[candidate] || (t.flags & kRepeatable) != 0) &&
                         (story.empty() || story.back() != candidate);
      if (!fresh && attempt < kFreshAttempts) continue;
      used[candidate] = true;
      story.push_back(candidate);
      break;
    }
  }
  std::stable_sort(story.begin() + static_cast<std::ptrdiff_t>(block_start), story.end(),
                   [block](size_t a, size_t b) {
                     return StoryOrder(InteractionTemplates()[a].step, block) <
                            StoryOrder(InteractionTemplates()[b].step, block);
                   });
}

size_t PickChannel(unsigned allowed, DemoRandom& random) {
  std::array<int, kChannelCount> weights{};
  for (size_t bit = 0; bit < weights.size(); ++bit) {
    weights[bit] = (allowed & (1u << bit)) != 0 ? kChannelWeights[bit] : 0;
  }
  return random.PickWeighted(weights);
}

int64_t DurationSeconds(const InteractionTemplate& t, DemoRandom& random) {
  if (t.kind == Kind::kCall) {
    if ((t.flags & kShortCall) != 0) return random.Between(15, 75);
    return random.Between(2, 35) * 60 + random.Between(0, 59);
  }
  if ((t.flags & kLongMeeting) != 0) return random.Between(3, 4) * 3600;
  return random.Between(2, 8) * 15 * 60;  // meetings run in quarter hours, 30 min to 2 h
}

}  // namespace

std::vector<json::object> GenerateInteractions(const InteractionProfile& profile,
                                               int64_t now_millis, DemoRandom& random) {
  const HistoryShape shape = ShapeFor(profile.stage, random);
  const Mood mood = MoodFor(profile.stage, random);
  // The account owner, and a colleague who had the account before.
  const std::span<const std::string_view> agents = AgentNames();
  const size_t owner = random.Below(agents.size());
  const std::string_view agent = agents[owner];
  const std::string_view previous_agent =
      agents[(owner + 1 + random.Below(agents.size() - 1)) % agents.size()];
  const std::string_view product = random.Pick(Products());
  const std::string_view plan = random.Pick(Plans());
  const unsigned available = AvailableChannels(profile);

  std::vector<int64_t> instants;
  instants.reserve(static_cast<size_t>(shape.count));
  for (int i = 0; i < shape.count; ++i) {
    const int64_t days_ago = random.Between(shape.last_days_ago, shape.first_days_ago);
    instants.push_back(
        OfficeHoursInstant(now_millis, days_ago, profile.utc_offset_minutes, random));
  }
  std::sort(instants.begin(), instants.end());

  // Customers (current or former) were prospects first: the first quarter of their history is
  // pre-sale, the rest after the first order; a churned customer's last word is the goodbye.
  const bool bought =
      profile.stage == LifecycleStage::kCustomer || profile.stage == LifecycleStage::kChurned;
  const size_t leaving_count = profile.stage == LifecycleStage::kChurned ? 1 : 0;
  const size_t pre_sale_count = bought ? (instants.size() + 3) / 4 : instants.size();
  const size_t post_sale_count = instants.size() - pre_sale_count - leaving_count;
  TemplateSet used;
  std::vector<size_t> story;
  story.reserve(instants.size());
  DrawBlock(Block::kPreSale, pre_sale_count, mood, available, random, used, story);
  DrawBlock(Block::kPostSale, post_sale_count, mood, available, random, used, story);
  DrawBlock(Block::kLeaving, leaving_count, mood, available, random, used, story);

  std::vector<json::object> interactions;
  interactions.reserve(instants.size());
  for (size_t i = 0; i < instants.size(); ++i) {
    const InteractionTemplate& chosen = InteractionTemplates()[story[i]];
    const size_t channel = PickChannel(chosen.channels & available, random);
    Filler filler(profile, agent, previous_agent, product, plan, instants[i], random);
    json::object interaction(8);
    interaction.emplace("channel", ChannelName(channel));
    interaction.emplace("direction", DirectionName(chosen.direction));
    interaction.emplace("kind", KindName(chosen.kind));
    const size_t subjects = CountAlternatives(chosen.subject);
    const size_t bodies = CountAlternatives(chosen.body);
    const size_t variant = random.Below(std::max(subjects, bodies));
    interaction.emplace("subject",
                        filler.Fill(NthAlternative(chosen.subject, subjects == 1 ? 0 : variant)));
    interaction.emplace("body",
                        filler.Fill(NthAlternative(chosen.body, bodies == 1 ? 0 : variant)));
    interaction.emplace("occurred_at", FormatInstant(instants[i]));
    if (chosen.kind == Kind::kCall || chosen.kind == Kind::kMeeting) {
      interaction.emplace("duration_seconds", DurationSeconds(chosen, random));
    }
    interaction.emplace("sentiment", SentimentName(chosen.sentiment));
    interactions.push_back(std::move(interaction));
  }
  return interactions;
}

}  // namespace rapport::demo
