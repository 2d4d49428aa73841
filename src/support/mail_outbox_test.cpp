#include "support/mail_outbox.hpp"

#include <gtest/gtest.h>

namespace rapport::support {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(MailOutboxBackoff, DoublesFromTheFirstDelayUpToTheCap) {
  const RetryPolicy policy{
      .max_attempts = 8, .first_delay = seconds(60), .max_delay = seconds(600)};
  EXPECT_EQ(BackoffDelay(policy, 1), seconds(60));
  EXPECT_EQ(BackoffDelay(policy, 2), seconds(120));
  EXPECT_EQ(BackoffDelay(policy, 3), seconds(240));
  EXPECT_EQ(BackoffDelay(policy, 4), seconds(480));
  EXPECT_EQ(BackoffDelay(policy, 5), seconds(600));
  EXPECT_EQ(BackoffDelay(policy, 1000), seconds(600));  // no overflow however many attempts
}

TEST(MailOutboxStates, SentFailedOrQueuedAgain) {
  const RetryPolicy policy{.max_attempts = 3, .first_delay = seconds(1), .max_delay = seconds(10)};
  EXPECT_EQ(AfterAttempt(policy, 1, SendOutcome::kSent).state, "sent");
  EXPECT_EQ(AfterAttempt(policy, 1, SendOutcome::kPermanentFailure).state, "failed");
  const NextState retry = AfterAttempt(policy, 2, SendOutcome::kTransientFailure);
  EXPECT_EQ(retry.state, "queued");
  EXPECT_EQ(retry.retry_after, milliseconds(2000));
  // The last allowed attempt failing for a passing reason still ends the mail.
  EXPECT_EQ(AfterAttempt(policy, 3, SendOutcome::kTransientFailure).state, "failed");
}

}  // namespace
}  // namespace rapport::support
