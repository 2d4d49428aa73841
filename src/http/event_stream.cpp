#include "http/event_stream.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>
#include <unordered_map>
#include <utility>

#include "access/event_redaction.hpp"
#include "common/metrics.hpp"
#include "storage/event_retention.hpp"
#include "storage/outbox.hpp"

namespace rapport::http {
namespace {

constexpr std::string_view kHeadSql = "SELECT coalesce(max(seq), 0) FROM events";
// Owners of the records a batch of events is about; a missing row is a deleted record.
constexpr std::string_view kCustomerOwnersSql =
    "SELECT id, owner_id FROM customers WHERE id IN (SELECT value FROM json_each(?))";
constexpr std::string_view kCompanyOwnersSql =
    "SELECT id, owner_id FROM companies WHERE id IN (SELECT value FROM json_each(?))";
// A ticket: its customer's owner, and where it sits (its queue's team, its assignee).
constexpr std::string_view kTicketOwnersSql =
    "SELECT t.id, c.owner_id, q.team_id, t.assignee_id FROM tickets t "
    "JOIN customers c ON c.id = t.customer_id LEFT JOIN queues q ON q.id = t.queue_id "
    "WHERE t.id IN (SELECT value FROM json_each(?))";

// A chat conversation: its customer's owner (if joined to one), its queue's team, its assignee.
constexpr std::string_view kChatOwnersSql =
    "SELECT ch.id, c.owner_id, q.team_id, ch.assignee_id, ch.customer_id IS NOT NULL "
    "FROM chat_conversations ch LEFT JOIN customers c ON c.id = ch.customer_id "
    "LEFT JOIN queues q ON q.id = ch.queue_id WHERE ch.id IN (SELECT value FROM json_each(?))";

// A task: its assignee (the owner of the tasks object), the records it links with their owners,
// and where its linked ticket sits.
constexpr std::string_view kTaskOwnersSql =
    "SELECT t.id, t.assignee_id, t.customer_id IS NOT NULL, c.owner_id, "
    "t.company_id IS NOT NULL, co.owner_id, t.ticket_id IS NOT NULL, q.team_id, tk.assignee_id "
    "FROM tasks t LEFT JOIN customers c ON c.id = t.customer_id "
    "LEFT JOIN companies co ON co.id = t.company_id LEFT JOIN tickets tk ON tk.id = t.ticket_id "
    "LEFT JOIN queues q ON q.id = tk.queue_id WHERE t.id IN (SELECT value FROM json_each(?))";

using OwnerMap = std::unordered_map<std::string, access::EventOwner>;

Status LoadOwners(storage::Tx& tx, const std::vector<storage::Event>& events, OwnerMap& owners) {
  std::set<std::string> customers;
  std::set<std::string> companies;
  std::set<std::string> tickets;
  std::set<std::string> chats;
  std::set<std::string> tasks;
  for (const auto& event : events) {
    const std::string key = event.aggregate_type + ":" + event.aggregate_id;
    if (owners.contains(key)) continue;
    owners[key] = access::EventOwner{.exists = false, .owner = std::nullopt};
    if (event.aggregate_type == "customer") customers.insert(event.aggregate_id);
    if (event.aggregate_type == "company") companies.insert(event.aggregate_id);
    if (event.aggregate_type == "ticket") tickets.insert(event.aggregate_id);
    if (event.aggregate_type == "chat") chats.insert(event.aggregate_id);
    if (event.aggregate_type == "task") tasks.insert(event.aggregate_id);
  }
  for (const auto& [type, ids, sql] :
       {std::tuple{std::string("customer"), &customers, kCustomerOwnersSql},
        std::tuple{std::string("company"), &companies, kCompanyOwnersSql},
        std::tuple{std::string("ticket"), &tickets, kTicketOwnersSql},
        std::tuple{std::string("chat"), &chats, kChatOwnersSql},
        std::tuple{std::string("task"), &tasks, kTaskOwnersSql}}) {
    if (ids->empty()) continue;
    json::array list;
    for (const auto& id : *ids) list.emplace_back(id);
    const std::string_view query = sql;
    RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows,
                             tx.Query(query, {storage::Value(ToJsonString(list))}));
    for (const auto& row : rows) {
      access::EventOwner& owner = owners[type + ":" + row.Text(0)];
      owner = access::EventOwner{.exists = true, .owner = row.OptText(1)};
      if (type == "ticket" || type == "chat")
        owner.ticket_place = {.team_id = row.OptText(2), .assignee_id = row.OptText(3)};
      if (type == "chat") owner.has_customer = row.Int(4) != 0;
      if (type == "task") {
        owner.task_links = {.has_customer = row.Int(2) != 0,
                            .customer_owner = row.OptText(3),
                            .has_company = row.Int(4) != 0,
                            .company_owner = row.OptText(5),
                            .has_ticket = row.Int(6) != 0};
        owner.ticket_place = {.team_id = row.OptText(7), .assignee_id = row.OptText(8)};
      }
    }
  }
  return OkStatus();
}

// The feed's shape without request_id: which request caused a change is for the audit trail.
std::string EventFrame(storage::Event event, json::object payload) {
  event.payload = std::move(payload);
  json::object served = storage::EventToJson(std::move(event));
  served.erase("request_id");
  return ToJsonString(json::object{{"type", "event"}, {"event", std::move(served)}});
}

std::string SeqFrame(std::string_view type, int64_t seq, std::string_view detail = {}) {
  json::object frame{{"type", type}, {"seq", seq}};
  if (!detail.empty()) frame["detail"] = detail;
  return ToJsonString(frame);
}

// Sends each event `access` may see; false when the client refused a frame (it is closing).
bool SendVisible(StreamClient& client, const access::Access& access,
                 const std::vector<storage::Event>& events, const OwnerMap& owners) {
  for (const auto& event : events) {
    auto owner = owners.find(event.aggregate_type + ":" + event.aggregate_id);
    const access::EventOwner known = owner == owners.end() ? access::EventOwner{} : owner->second;
    auto payload = access::VisiblePayload(access, event, known);
    if (payload && !client.Send(EventFrame(event, std::move(*payload)))) return false;
  }
  return true;
}

}  // namespace

EventStream::EventStream(storage::Database& database, EventStreamOptions options)
    : database_(database), options_(options) {
  Metrics().SetGauge("rapport_stream_clients", "Clients connected to the live event stream.", {},
                     [this] { return static_cast<double>(client_count()); });
}

EventStream::~EventStream() {
  Stop();
  Metrics().RemoveGauge("rapport_stream_clients", {});
}

Status EventStream::ReadHead() {
  return database_.Read([&](storage::Tx& tx) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(storage::Rows rows, tx.Query(kHeadSql));
    head_ = rows.empty() ? 0 : rows[0].Int(0);
    return OkStatus();
  });
}

Status EventStream::Start() {
  RAPPORT_RETURN_IF_ERROR(ReadHead());
  thread_ = std::thread([this] { Loop(); });
  return OkStatus();
}

void EventStream::Stop() {
  std::map<uint64_t, Subscriber> closing;
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && !thread_.joinable()) return;
    stopping_ = true;
    closing.swap(subscribers_);
  }
  cv_.notify_all();
  for (auto& [id, subscriber] : closing) subscriber.client->Close("the server is stopping");
  if (thread_.joinable()) thread_.join();
}

void EventStream::Notify() {
  {
    std::lock_guard lock(mutex_);
    pending_ = true;
  }
  cv_.notify_one();
}

Result<uint64_t> EventStream::Attach(std::shared_ptr<StreamClient> client, std::string principal,
                                     std::shared_ptr<const access::Access> access,
                                     std::optional<int64_t> after) {
  uint64_t id = 0;
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return Error::Unavailable("The server is stopping.");
    size_t same = 0;
    for (const auto& [other, subscriber] : subscribers_) same += subscriber.principal == principal;
    if (subscribers_.size() >= options_.max_clients || same >= options_.max_clients_per_principal) {
      return Error::RateLimited("Too many live streams are open; close one and retry.",
                                std::chrono::seconds(5));
    }
    id = next_id_++;
    subscribers_[id] = Subscriber{.client = std::move(client),
                                  .principal = std::move(principal),
                                  .access = std::move(access),
                                  .catch_up_after = after,
                                  .joined = false};
    pending_ = true;
  }
  cv_.notify_one();
  return id;
}

void EventStream::UpdateAccess(uint64_t id, std::shared_ptr<const access::Access> access) {
  std::lock_guard lock(mutex_);
  auto it = subscribers_.find(id);
  if (it != subscribers_.end()) it->second.access = std::move(access);
}

void EventStream::Detach(uint64_t id) {
  std::lock_guard lock(mutex_);
  subscribers_.erase(id);
}

size_t EventStream::Broadcast(const std::string& frame,
                              const std::function<bool(const access::Access&)>& may_see) {
  std::vector<std::pair<std::shared_ptr<StreamClient>, std::shared_ptr<const access::Access>>>
      joined;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, subscriber] : subscribers_) {
      if (subscriber.joined) joined.emplace_back(subscriber.client, subscriber.access);
    }
  }
  size_t sent = 0;
  for (const auto& [client, access] : joined) {
    if (may_see(*access) && client->Send(frame)) ++sent;
  }
  return sent;
}

size_t EventStream::client_count() const {
  std::lock_guard lock(mutex_);
  return subscribers_.size();
}

void EventStream::Loop() {
  while (true) {
    {
      std::unique_lock lock(mutex_);
      cv_.wait(lock, [this] { return pending_ || stopping_; });
      if (stopping_) return;
      pending_ = false;
    }
    if (Status status = DeliverRound(); !status.ok()) {
      // Nothing is lost: head_ has not moved past what failed, so the next commit retries.
      spdlog::warn("live stream: could not read the outbox: {}", status.error().message);
    }
  }
}

Status EventStream::DeliverRound() {
  // A snapshot of the clients: Send only queues, so no lock is held while frames are made.
  std::vector<std::pair<uint64_t, Subscriber>> clients;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, subscriber] : subscribers_) clients.emplace_back(id, subscriber);
  }
  if (clients.empty()) {
    // Nobody to send to: only the head moves. Reading (and unpacking) every new event for no
    // one cost each durable create about 5 % of its instructions (bench/RESULTS.md, 7 December).
    // A client attaching meanwhile is treated as the full read treated it: it follows from the
    // head this round reaches.
    return ReadHead();
  }
  std::vector<uint64_t> joined;
  // Clients told to reset get that frame after the live rounds below, carrying the head they
  // reached: events committed before they connected but not yet read would otherwise follow
  // their reset, and its seq would be older than what they are told to reload.
  std::vector<uint64_t> resets;
  Status status = database_.Read([&](storage::Tx& tx) -> Status {
    // Clients that just came: what they missed up to head_, then "ready". Events after head_
    // reach them below with everyone's, so nothing is sent twice or out of order.
    for (auto& [id, subscriber] : clients) {
      if (subscriber.joined) continue;
      joined.push_back(id);
      subscriber.joined = true;
      const int64_t after = subscriber.catch_up_after.value_or(head_);
      if (after >= head_) {
        subscriber.client->Send(SeqFrame("ready", head_));
        continue;
      }
      auto missed = storage::ReadFeed(tx, after, options_.max_catch_up + 1);
      const bool too_many =
          missed.ok() && static_cast<int64_t>(missed->size()) > options_.max_catch_up;
      if (!missed.ok() || too_many) {
        resets.push_back(id);
        continue;
      }
      std::erase_if(*missed, [this](const storage::Event& event) { return event.seq > head_; });
      OwnerMap owners;
      RAPPORT_RETURN_IF_ERROR(LoadOwners(tx, *missed, owners));
      if (SendVisible(*subscriber.client, *subscriber.access, *missed, owners)) {
        subscriber.client->Send(SeqFrame("ready", head_));
      }
    }
    while (true) {
      RAPPORT_ASSIGN_OR_RETURN(auto events, storage::ReadEvents(tx, head_, options_.batch_size));
      if (events.empty()) break;
      OwnerMap owners;
      RAPPORT_RETURN_IF_ERROR(LoadOwners(tx, events, owners));
      for (auto& [id, subscriber] : clients) {
        if (std::ranges::find(resets, id) != resets.end()) continue;
        SendVisible(*subscriber.client, *subscriber.access, events, owners);
      }
      head_ = events.back().seq;
      if (static_cast<int64_t>(events.size()) < options_.batch_size) break;
    }
    for (auto& [id, subscriber] : clients) {
      if (std::ranges::find(resets, id) == resets.end()) continue;
      subscriber.client->Send(SeqFrame(
          "reset", head_, "Too much was missed to catch up: reload, then follow from seq."));
    }
    return OkStatus();
  });
  std::lock_guard lock(mutex_);
  for (uint64_t id : joined) {
    if (auto it = subscribers_.find(id); it != subscribers_.end()) it->second.joined = true;
  }
  return status;
}

}  // namespace rapport::http
