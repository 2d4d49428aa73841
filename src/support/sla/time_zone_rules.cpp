#include "support/sla/time_zone_rules.hpp"

#include <unicode/basictz.h>
#include <unicode/timezone.h>
#include <unicode/tztrans.h>
#include <unicode/unistr.h>

#include <utility>

namespace rapport::support::sla {

struct TimeZoneRules::Zone {
  std::unique_ptr<icu::BasicTimeZone> rules;
};

Result<TimeZoneRules> TimeZoneRules::Create(std::string_view id, std::string_view field) {
  auto invalid = [&] {
    return Error::Invalid(std::string(field),
                          "must be an IANA time zone name such as Europe/Berlin");
  };
  if (id.empty() || id.size() > 64) return invalid();
  const icu::UnicodeString unicode_id =
      icu::UnicodeString::fromUTF8(icu::StringPiece(id.data(), static_cast<int32_t>(id.size())));
  UErrorCode status = U_ZERO_ERROR;
  UBool is_system_id = false;
  icu::UnicodeString canonical;
  icu::TimeZone::getCanonicalID(unicode_id, canonical, is_system_id, status);
  // Custom ids ("GMT+03:00") canonicalise but are not system zones: they have no rules.
  if (U_FAILURE(status) || !is_system_id) return invalid();
  std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createTimeZone(unicode_id));
  if (dynamic_cast<icu::BasicTimeZone*>(zone.get()) == nullptr) return invalid();
  auto shared = std::make_shared<Zone>();
  // Every system zone is an OlsonTimeZone, a BasicTimeZone: ownership moves over as that.
  shared->rules.reset(static_cast<icu::BasicTimeZone*>(zone.release()));
  return TimeZoneRules(std::string(id), std::move(shared));
}

int64_t TimeZoneRules::LocalToInstant(int64_t local_millis) const {
  int32_t raw = 0;
  int32_t dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  // "Former" for both cases: the offset in force before the transition. For a skipped time that
  // is standard time (the instant lands after the gap, shifted by its length); for a repeated
  // time it is summer time (the first occurrence).
  zone_->rules->getOffsetFromLocal(static_cast<UDate>(local_millis), UCAL_TZ_LOCAL_FORMER,
                                   UCAL_TZ_LOCAL_FORMER, raw, dst, status);
  if (U_FAILURE(status)) return local_millis;  // unreachable for a system zone
  return local_millis - raw - dst;
}

int64_t TimeZoneRules::InstantToLocal(int64_t instant) const {
  int32_t raw = 0;
  int32_t dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  zone_->rules->getOffset(static_cast<UDate>(instant), false, raw, dst, status);
  if (U_FAILURE(status)) return instant;  // unreachable for a system zone
  return instant + raw + dst;
}

bool TimeZoneRules::HasTransitionIn(int64_t from, int64_t to) const {
  icu::TimeZoneTransition transition;
  if (!zone_->rules->getNextTransition(static_cast<UDate>(from), false, transition)) return false;
  return transition.getTime() <= static_cast<UDate>(to);
}

}  // namespace rapport::support::sla
