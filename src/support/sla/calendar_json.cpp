#include "support/sla/calendar_json.hpp"

#include <string>
#include <vector>

#include "support/sla/json_fields.hpp"

namespace rapport::support::sla {
namespace {

std::string Indexed(std::string_view prefix, size_t index) {
  return std::string(prefix) + "[" + std::to_string(index) + "]";
}

// Reads "start"/"end" (or "closed_from"/"closed_until") of `object` as a span.
std::optional<Span> ReadSpan(const json::object& object, std::string_view start_key,
                             std::string_view end_key, std::string_view prefix,
                             std::vector<FieldError>& errors) {
  const auto start = ReadClock(object, start_key, prefix, false, errors);
  auto end = ReadClock(object, end_key, prefix, true, errors);
  if (!start || !end) return std::nullopt;
  if (*end == 0) end = kMinutesPerDay;  // "00:00" as an end is the coming midnight
  return Span{*start, *end};
}

std::vector<Span> ReadDay(const json::value& value, const std::string& prefix,
                          std::vector<FieldError>& errors) {
  std::vector<Span> spans;
  if (!value.is_array()) {
    errors.push_back({prefix, "must be an array of spans"});
    return spans;
  }
  const json::array& items = value.as_array();
  if (items.size() > kMaxSpansPerDay) {
    errors.push_back({prefix, "at most " + std::to_string(kMaxSpansPerDay) + " spans per day"});
    return spans;
  }
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string field = Indexed(prefix, i);
    if (!items[i].is_object()) {
      errors.push_back({field, "must be an object"});
      continue;
    }
    RejectUnknownKeys(items[i].as_object(), {"start", "end"}, field, errors);
    if (auto span = ReadSpan(items[i].as_object(), "start", "end", field, errors)) {
      spans.push_back(*span);
    }
  }
  return spans;
}

void ReadWeek(const json::object& document, CalendarSpec& spec, std::vector<FieldError>& errors) {
  const json::value* week = document.if_contains("week");
  if (week == nullptr || !week->is_object()) {
    errors.push_back({"week", "required: an object of weekdays"});
    return;
  }
  RejectUnknownKeys(week->as_object(),
                    {kWeekdayNames[0], kWeekdayNames[1], kWeekdayNames[2], kWeekdayNames[3],
                     kWeekdayNames[4], kWeekdayNames[5], kWeekdayNames[6]},
                    "week", errors);
  for (size_t day = 0; day < kDaysPerWeek; ++day) {
    if (const json::value* spans = week->as_object().if_contains(kWeekdayNames[day])) {
      spec.week[day] = ReadDay(*spans, FieldPath("week", kWeekdayNames[day]), errors);
    }
  }
}

void ReadHolidays(const json::object& document, CalendarSpec& spec,
                  std::vector<FieldError>& errors) {
  const json::value* holidays = document.if_contains("holidays");
  if (holidays == nullptr || holidays->is_null()) return;
  if (!holidays->is_array()) {
    errors.push_back({"holidays", "must be an array"});
    return;
  }
  const json::array& items = holidays->as_array();
  if (items.size() > kMaxHolidays) {
    errors.push_back({"holidays", "at most " + std::to_string(kMaxHolidays) + " holidays"});
    return;
  }
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string field = Indexed("holidays", i);
    if (!items[i].is_object()) {
      errors.push_back({field, "must be an object"});
      continue;
    }
    const json::object& item = items[i].as_object();
    RejectUnknownKeys(item, {"date", "name", "closed_from", "closed_until"}, field, errors);
    Holiday holiday;
    const auto date = ReadString(item, "date", field, true, errors);
    if (date) {
      if (auto day = ParseDay(*date)) {
        holiday.day = *day;
      } else {
        errors.push_back({FieldPath(field, "date"), "must be a date YYYY-MM-DD"});
      }
    }
    holiday.name = ReadString(item, "name", field, false, errors).value_or("");
    if (item.contains("closed_from") || item.contains("closed_until")) {
      holiday.closed = ReadSpan(item, "closed_from", "closed_until", field, errors);
    }
    spec.holidays.push_back(std::move(holiday));
  }
}

json::array SpansToJson(const std::vector<Span>& spans) {
  json::array items;
  for (const Span& span : spans) {
    items.push_back(json::object{{"start", FormatClock(span.start_minute)},
                                 {"end", FormatClock(span.end_minute)}});
  }
  return items;
}

}  // namespace

Result<BusinessCalendar> CalendarFromJson(const json::value& value) {
  if (!value.is_object()) return Error::Invalid("", "a calendar must be a JSON object");
  const json::object& document = value.as_object();
  std::vector<FieldError> errors;
  RejectUnknownKeys(document, {"time_zone", "week", "holidays"}, "", errors);
  CalendarSpec spec;
  spec.time_zone = ReadString(document, "time_zone", "", true, errors).value_or("");
  ReadWeek(document, spec, errors);
  ReadHolidays(document, spec, errors);
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return BusinessCalendar::Create(std::move(spec));
}

Result<BusinessCalendar> CalendarFromJsonText(std::string_view text) {
  RAPPORT_ASSIGN_OR_RETURN(auto value, ParseJson(text));
  return CalendarFromJson(value);
}

json::object CalendarToJson(const BusinessCalendar& calendar) {
  const CalendarSpec& spec = calendar.spec();
  json::object week;
  for (size_t day = 0; day < kDaysPerWeek; ++day) {
    week[kWeekdayNames[day]] = SpansToJson(spec.week[day]);
  }
  json::array holidays;
  for (const Holiday& holiday : spec.holidays) {
    json::object item{{"date", FormatDay(holiday.day)}};
    if (!holiday.name.empty()) item["name"] = holiday.name;
    if (holiday.closed) {
      item["closed_from"] = FormatClock(holiday.closed->start_minute);
      item["closed_until"] = FormatClock(holiday.closed->end_minute);
    }
    holidays.push_back(std::move(item));
  }
  return json::object{
      {"time_zone", spec.time_zone}, {"week", std::move(week)}, {"holidays", std::move(holidays)}};
}

}  // namespace rapport::support::sla
