// The chat's events and audit entries, shared by the visitor and agent halves of ChatService.
// Events are `chat.<what>` on aggregate `chat` with the conversation's id, state, queue, assignee
// and customer only — never message text or the visitor's claims (access.md: events leave the
// server to every reader of the conversation). Functions over a Tx inside Database::Write.
#pragma once

#include <string_view>

#include "access/access.hpp"
#include "storage/database.hpp"
#include "storage/write_context.hpp"
#include "support/chat/chat_store.hpp"

namespace rapport::support::chat {

Status Announce(storage::Tx& tx, const storage::WriteContext& context, std::string_view type,
                const Conversation& conversation, json::object extra = {});

// Whether `access` reaches the conversation for `action` (read: see it; edit: work on it).
bool Reaches(const access::Access& access, const Conversation& conversation, access::Action action);

// An ended conversation with a known customer is one entry on their timeline (channel chat,
// kind conversation) with the transcript, written with the end so it is never missing or doubled.
Status LogOnTimeline(storage::Tx& tx, const storage::WriteContext& context,
                     const Conversation& conversation);

// "A person has joined; the assistant has stopped": said in the transcript when an agent steps
// into a conversation the bot had (chat_bot_turn.cpp).
Status NotePersonJoined(storage::Tx& tx, const storage::WriteContext& context,
                        Conversation& conversation);

}  // namespace rapport::support::chat
