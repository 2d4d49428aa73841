-- Roles and record access (docs/design/access.md): admin-defined roles beside the built-in ones
-- (which live in code), sensitive custom fields, token scopes, and the access generation that
-- tells the server's cached access snapshot to reload.

CREATE TABLE roles (
  seq INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT '',
  grants TEXT NOT NULL,                  -- JSON {object: {action: level}}
  fields TEXT NOT NULL DEFAULT '{}',     -- JSON {object: {field: hidden | read_only}}
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;

ALTER TABLE custom_field_definitions ADD COLUMN sensitive INTEGER NOT NULL DEFAULT 0;
-- JSON array of "object:action" scopes; NULL = the owner's full access.
ALTER TABLE api_tokens ADD COLUMN scopes TEXT;

-- Bumped in the same transaction as any change that can alter someone's access, by triggers, so
-- no code path can forget to: the server compares it on each request and reloads when it moved.
CREATE TABLE access_generation (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  value INTEGER NOT NULL
) STRICT;
INSERT INTO access_generation (id, value) VALUES (1, 0);

CREATE TRIGGER users_access_insert AFTER INSERT ON users
BEGIN UPDATE access_generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER users_access_update AFTER UPDATE OF roles, teams, status ON users
BEGIN UPDATE access_generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER users_access_delete AFTER DELETE ON users
BEGIN UPDATE access_generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER roles_access_insert AFTER INSERT ON roles
BEGIN UPDATE access_generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER roles_access_update AFTER UPDATE ON roles
BEGIN UPDATE access_generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER roles_access_delete AFTER DELETE ON roles
BEGIN UPDATE access_generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER custom_fields_access_insert AFTER INSERT ON custom_field_definitions
BEGIN UPDATE access_generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER custom_fields_access_update AFTER UPDATE ON custom_field_definitions
BEGIN UPDATE access_generation SET value = value + 1 WHERE id = 1; END;
CREATE TRIGGER custom_fields_access_delete AFTER DELETE ON custom_field_definitions
BEGIN UPDATE access_generation SET value = value + 1 WHERE id = 1; END;
