-- The chatbot in the chat (docs/design/chatbot.md § In the chat): when conversations start with
-- the bot, what the bot remembers of each conversation between turns, why it handed one to a
-- person, the links and buttons of its messages, and its own settings (guided flows, topics it
-- must leave to a person). Adding columns with constant defaults rewrites no row.

-- off: conversations start waiting for a person; always: with the bot; offline: with the bot
-- only when no person can take the chat (outside hours or nobody available).
ALTER TABLE chat_settings ADD COLUMN bot_mode TEXT NOT NULL DEFAULT 'off';

ALTER TABLE chat_conversations ADD COLUMN bot_state TEXT NOT NULL DEFAULT '{}';
-- asked | unhelpful | negative | human_only | flow: why the bot handed over (NULL: it did not)
ALTER TABLE chat_conversations ADD COLUMN handoff_reason TEXT;

-- A bot message's article link and buttons: {"link": {title, url}, "buttons": [{label, value}]}.
ALTER TABLE chat_messages ADD COLUMN extra TEXT;

-- One row: the bot's greeting buttons come from the flows; topics in human_only are never
-- answered by the bot (it hands over instead).
CREATE TABLE chat_bot_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  human_only_topics TEXT NOT NULL DEFAULT '[]',
  flows TEXT NOT NULL DEFAULT '[]',
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;
INSERT INTO chat_bot_settings (id, updated_at) VALUES (1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
