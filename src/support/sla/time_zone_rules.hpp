// TimeZoneRules: an IANA time zone's offsets, the one place the SLA calculator touches ICU.
//
// GCC 12's libstdc++ has no std::chrono tzdb, so wall-clock arithmetic goes through ICU's
// BasicTimeZone. Local times are "local milliseconds": the wall clock read as if it were UTC
// (local day N starts at N * 86'400'000). How wall times that do not exist (the hour skipped in
// spring) or exist twice (the hour repeated in autumn) map to instants is fixed here, once, for
// every caller (docs/design/sla.md § DST):
//   - a skipped wall time moves later by the length of the gap (02:30 in a 02:00→03:00 gap is
//     03:30), as java.time and ICU's "former" option do;
//   - a repeated wall time is its first occurrence (summer time).
// The same wall time therefore always maps to the same instant, which is what keeps adjacent
// opening spans (24:00 of one day, 00:00 of the next) joined without a gap.
//
// Immutable after Create; ICU allows concurrent const calls on a time zone, so one instance may be
// shared by any number of threads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "common/result.hpp"

namespace rapport::support::sla {

inline constexpr int64_t kMillisPerMinute = 60'000;
inline constexpr int64_t kMillisPerDay = 86'400'000;

class TimeZoneRules {
 public:
  // An IANA zone id ("Europe/Berlin"); links such as "US/Eastern" are accepted, custom ids
  // ("GMT+3") and unknown names are kInvalidArgument naming `field`.
  static Result<TimeZoneRules> Create(std::string_view id, std::string_view field);

  const std::string& id() const { return id_; }

  // The instant at which the wall clock reads `local_millis` (rules above).
  int64_t LocalToInstant(int64_t local_millis) const;
  // The wall-clock reading at `instant`, as local milliseconds.
  int64_t InstantToLocal(int64_t instant) const;
  // True when the zone's offset may change in (from, to]: a transition lies in between.
  bool HasTransitionIn(int64_t from, int64_t to) const;

 private:
  struct Zone;  // the ICU zone, kept out of this header
  TimeZoneRules(std::string id, std::shared_ptr<const Zone> zone)
      : id_(std::move(id)), zone_(std::move(zone)) {}

  std::string id_;
  std::shared_ptr<const Zone> zone_;
};

}  // namespace rapport::support::sla
