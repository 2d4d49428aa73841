#include "support/customer_tickets.hpp"

#include <gtest/gtest.h>

#include "customers/customer_service.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "support/ticket_service.hpp"
#include "testing/temp_dir.hpp"

namespace rapport::support {
namespace {

json::object Obj(std::string_view text) { return ParseJsonObject(text).value(); }

TEST(CustomerTicketsTest, OpenTicketsAndLastTicketAtFilterCustomers) {
  testing::TempDir dir;
  auto db = std::move(storage::SqliteDatabase::Open({.path = dir.File("r.db")})).value();
  customers::CustomerTraits traits;
  ASSERT_TRUE(RegisterCustomerTraits(traits).ok());
  const access::Access& all = access::Access::Unrestricted();
  const storage::WriteContext context{.actor = "test"};
  customers::CustomerService customers(*db, traits);
  ASSERT_TRUE(customers.Create(all, context, Obj(R"({"first_name":"Quiet"})")).ok());
  TicketService tickets(*db);
  auto ticket = tickets.Create(
      all, context,
      Obj(R"({"subject":"Help","requester":{"email":"loud@example.com"},"message":{"body_text":"x"}})"));
  ASSERT_TRUE(ticket.ok()) << ticket.error().message;
  auto with_open = customers.List(
      all, {.filter = ParseJson(R"({"field":"open_tickets","op":"gt","value":0})").value()});
  ASSERT_TRUE(with_open.ok()) << with_open.error().message;
  ASSERT_EQ(with_open->data.size(), 1u);
  EXPECT_EQ(with_open->data[0].at("id"), ticket->at("customer_id"));
  ASSERT_TRUE(tickets
                  .AddMessage(all, context, std::string(ticket->at("id").as_string()),
                              Obj(R"({"body_text":"Fixed","status":"solved"})"), std::nullopt)
                  .ok());
  with_open = customers.List(
      all, {.filter = ParseJson(R"({"field":"open_tickets","op":"gt","value":0})").value()});
  EXPECT_TRUE(with_open->data.empty());
  auto recent = customers.List(
      all,
      {.filter = ParseJson(R"({"field":"last_ticket_at","op":"exists","value":true})").value()});
  EXPECT_EQ(recent->data.size(), 1u);
}

}  // namespace
}  // namespace rapport::support
