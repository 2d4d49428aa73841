#include "support/sla/ticket_clock.hpp"

#include <algorithm>
#include <limits>

#include "support/sla/business_time.hpp"

namespace rapport::support::sla {
namespace {

constexpr int64_t kEndOfTime = std::numeric_limits<int64_t>::max();

bool IsDone(TicketStatus status) {
  return status == TicketStatus::kSolved || status == TicketStatus::kClosed;
}

// A status in force from `from` until the next period's start.
struct Period {
  int64_t from = 0;
  TicketStatus status = TicketStatus::kNew;
};

// How a cycle ended by `stop`: met by a reply, cancelled by a solve, or not yet (kOpen).
enum class CycleEnd { kOpen, kMet, kCancelled };

struct Cycle {
  TargetKind kind = TargetKind::kFirstResponse;
  int number = 0;
  int64_t start = 0;
  std::optional<int64_t> stop;
  CycleEnd end = CycleEnd::kOpen;
};

// Measures and advances time in one target's hours.
class Meter {
 public:
  Meter(HoursKind hours, const BusinessCalendar* calendar) : hours_(hours), calendar_(calendar) {}

  Result<int64_t> Measure(int64_t from, int64_t to) const {
    if (hours_ == HoursKind::kCalendar) return std::max<int64_t>(0, to - from);
    RAPPORT_ASSIGN_OR_RETURN(auto between, BusinessTimeBetween(*calendar_, from, to));
    return between.count();
  }
  Result<int64_t> Advance(int64_t from, int64_t amount) const {
    if (hours_ == HoursKind::kCalendar) return from + std::max<int64_t>(0, amount);
    return AddBusinessTime(*calendar_, from, std::chrono::milliseconds(amount));
  }

 private:
  HoursKind hours_;
  const BusinessCalendar* calendar_;
};

class Evaluator {
 public:
  Evaluator(std::vector<Period> periods, const SlaPolicy& policy, int64_t now)
      : periods_(std::move(periods)), policy_(policy), now_(now) {}

  TicketStatus StatusAt(int64_t instant) const {
    TicketStatus status = periods_.front().status;
    for (const Period& period : periods_) {
      if (period.from > instant) break;
      status = period.status;
    }
    return status;
  }

  // When the ticket last became solved or closed (REQUIRES: it is at `now`).
  int64_t LastDoneSince() const {
    int64_t since = periods_.front().from;
    for (size_t i = 0; i < periods_.size(); ++i) {
      if (IsDone(periods_[i].status) && (i == 0 || !IsDone(periods_[i - 1].status))) {
        since = periods_[i].from;
      }
    }
    return since;
  }

  Result<TargetClock> Evaluate(const Cycle& cycle, const Target& target,
                               const BusinessCalendar* calendar) const;

 private:
  bool Counts(TicketStatus status) const {
    if (status == TicketStatus::kOnHold) return !policy_.pause_on_hold;
    return status == TicketStatus::kNew || status == TicketStatus::kOpen;
  }

  // The counting parts of [start, end]; with `open_end`, the last one ends at `end` (possibly
  // empty) and the clock is taken to run on past it.
  std::vector<Interval> Segments(int64_t start, int64_t end, bool open_end) const {
    std::vector<Interval> segments;
    for (size_t i = 0; i < periods_.size(); ++i) {
      const int64_t next = i + 1 < periods_.size() ? periods_[i + 1].from : kEndOfTime;
      const int64_t from = std::max(periods_[i].from, start);
      const int64_t to = std::min(next, end);
      if (to > from && Counts(periods_[i].status)) segments.push_back({from, to});
    }
    if (open_end && (segments.empty() || segments.back().to < end)) segments.push_back({end, end});
    return segments;
  }

  // The instant the counted time reaches `amount`, or nullopt when it does not within the
  // segments (and the clock does not run on past them).
  static Result<std::optional<int64_t>> Reach(const Meter& meter,
                                              const std::vector<Interval>& segments, bool open_end,
                                              int64_t start, int64_t amount) {
    if (amount <= 0) return std::optional<int64_t>(start);
    int64_t counted = 0;
    for (size_t i = 0; i < segments.size(); ++i) {
      const bool runs_on = open_end && i + 1 == segments.size();
      int64_t length = 0;
      if (!runs_on) {
        RAPPORT_ASSIGN_OR_RETURN(length, meter.Measure(segments[i].from, segments[i].to));
      }
      if (runs_on || counted + length >= amount) {
        RAPPORT_ASSIGN_OR_RETURN(auto instant, meter.Advance(segments[i].from, amount - counted));
        return std::optional<int64_t>(instant);
      }
      counted += length;
    }
    return std::optional<int64_t>();
  }

  std::vector<Period> periods_;
  const SlaPolicy& policy_;
  int64_t now_;
};

Result<TargetClock> Evaluator::Evaluate(const Cycle& cycle, const Target& target,
                                        const BusinessCalendar* calendar) const {
  if (target.hours == HoursKind::kBusiness && calendar == nullptr) {
    return Error::Invalid("calendar", "a business-hours target needs a business calendar");
  }
  const Meter meter(target.hours, calendar);
  TargetClock clock;
  clock.kind = cycle.kind;
  clock.cycle = cycle.number;
  clock.target = target;
  clock.started_at = cycle.start;
  clock.stopped_at = cycle.stop;
  const int64_t end = cycle.stop.value_or(now_);
  // Whether the clock ran into `end` (and would have run on): for a reply, what counted just
  // before it, so a reply sent together with "pending" still shows when it was due.
  const int64_t ran_into = cycle.end == CycleEnd::kMet && end > cycle.start ? end - 1 : end;
  const bool open_end = cycle.end != CycleEnd::kCancelled && Counts(StatusAt(ran_into));
  const std::vector<Interval> segments = Segments(cycle.start, end, open_end);
  int64_t elapsed = 0;
  for (const Interval& segment : segments) {
    RAPPORT_ASSIGN_OR_RETURN(auto length, meter.Measure(segment.from, segment.to));
    elapsed += length;
  }
  RAPPORT_ASSIGN_OR_RETURN(auto total, meter.Measure(cycle.start, end));
  clock.elapsed = std::chrono::milliseconds(elapsed);
  clock.paused = std::chrono::milliseconds(total - elapsed);
  const int64_t duration = std::chrono::milliseconds(target.duration).count();
  const int64_t lead = std::chrono::milliseconds(policy_.warning_lead).count();
  RAPPORT_ASSIGN_OR_RETURN(clock.due_at, Reach(meter, segments, open_end, cycle.start, duration));
  RAPPORT_ASSIGN_OR_RETURN(clock.warning_at,
                           Reach(meter, segments, open_end, cycle.start, duration - lead));
  clock.counting = cycle.end == CycleEnd::kOpen && open_end;

  const bool done_now = cycle.end == CycleEnd::kOpen && IsDone(StatusAt(now_));
  if (clock.due_at && *clock.due_at < end) {
    clock.state = TargetState::kBreached;
  } else if (cycle.end == CycleEnd::kMet || (done_now && cycle.kind == TargetKind::kResolution)) {
    clock.state = TargetState::kMet;  // replied, or (resolution) solved or closed
  } else if (cycle.end == CycleEnd::kCancelled || done_now) {
    clock.state = TargetState::kNotApplicable;  // a response nobody needs any more
  } else {
    clock.state = clock.counting ? TargetState::kRunning : TargetState::kPaused;
  }
  if (done_now && cycle.kind == TargetKind::kResolution) clock.stopped_at = LastDoneSince();
  return clock;
}

// Splits the history into status periods and the cycles of every kind.
struct Timeline {
  std::vector<Period> periods;
  std::vector<Cycle> cycles;
};

Timeline BuildTimeline(const TicketHistory& history, int64_t now) {
  std::vector<TicketEvent> events;
  for (TicketEvent event : history.events) {
    if (event.at > now) continue;
    event.at = std::max(event.at, history.created_at);
    events.push_back(event);
  }
  std::stable_sort(events.begin(), events.end(),
                   [](const TicketEvent& a, const TicketEvent& b) { return a.at < b.at; });

  Timeline timeline;
  timeline.periods.push_back({history.created_at, history.initial_status});
  Cycle first{TargetKind::kFirstResponse, 0, history.created_at, std::nullopt, CycleEnd::kOpen};
  std::optional<Cycle> next;
  int next_count = 0;
  TicketStatus status = history.initial_status;
  for (const TicketEvent& event : events) {
    switch (event.kind) {
      case TicketEventKind::kStatusChanged:
        if (IsDone(event.status) && !IsDone(status) && next) {
          next->stop = event.at;
          next->end = CycleEnd::kCancelled;
          timeline.cycles.push_back(*next);
          next.reset();
        }
        status = event.status;
        timeline.periods.push_back({event.at, status});
        break;
      case TicketEventKind::kAgentReplied:
        if (first.end == CycleEnd::kOpen) {
          first.stop = event.at;
          first.end = CycleEnd::kMet;
        } else if (next) {
          next->stop = event.at;
          next->end = CycleEnd::kMet;
          timeline.cycles.push_back(*next);
          next.reset();
        }
        break;
      case TicketEventKind::kCustomerReplied:
        if (first.end == CycleEnd::kMet && !next && status != TicketStatus::kClosed) {
          next = Cycle{TargetKind::kNextResponse, next_count++, event.at, std::nullopt,
                       CycleEnd::kOpen};
        }
        break;
      case TicketEventKind::kAgentNoted:
        break;
    }
  }
  if (next) timeline.cycles.push_back(*next);
  timeline.cycles.insert(timeline.cycles.begin(), first);
  timeline.cycles.push_back(
      {TargetKind::kResolution, 0, history.created_at, std::nullopt, CycleEnd::kOpen});
  return timeline;
}

}  // namespace

const TargetClock* SlaClock::Latest(TargetKind kind) const {
  const TargetClock* latest = nullptr;
  for (const TargetClock& clock : targets) {
    if (clock.kind == kind) latest = &clock;
  }
  return latest;
}

Result<SlaClock> EvaluateSla(const SlaPolicy& policy, const BusinessCalendar* calendar,
                             const TicketHistory& history, int64_t now) {
  const TargetSet targets = TargetsFor(policy, history.priority, history.tags);
  Timeline timeline = BuildTimeline(history, now);
  const Evaluator evaluator(std::move(timeline.periods), policy, now);
  SlaClock clock;
  for (size_t kind = 0; kind < targets.size(); ++kind) {
    if (!targets[kind]) continue;
    bool any = false;
    for (const Cycle& cycle : timeline.cycles) {
      if (static_cast<size_t>(cycle.kind) != kind) continue;
      RAPPORT_ASSIGN_OR_RETURN(auto target_clock,
                               evaluator.Evaluate(cycle, *targets[kind], calendar));
      clock.targets.push_back(target_clock);
      any = true;
    }
    if (!any) {
      TargetClock never;
      never.kind = static_cast<TargetKind>(kind);
      never.target = *targets[kind];
      clock.targets.push_back(never);
    }
  }
  return clock;
}

const char* TargetStateName(TargetState state) {
  static constexpr const char* kNames[] = {"running", "paused", "met", "breached",
                                           "not_applicable"};
  return kNames[static_cast<size_t>(state)];
}

}  // namespace rapport::support::sla
