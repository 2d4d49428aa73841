-- Rapport schema, version 1: customers, companies, custom fields, the timeline, the event outbox,
-- API tokens and idempotency records. STRICT tables; times are RFC 3339 UTC text with
-- milliseconds (fixed width, so text order is time order); JSON columns hold arrays/objects.
-- Child tables carry customer_id so a distributed engine can co-locate them (docs/scaling.md).

CREATE TABLE companies (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  domain TEXT,
  industry TEXT,
  size TEXT,
  address TEXT,
  owner_id TEXT,
  tags TEXT NOT NULL DEFAULT '[]',
  custom_fields TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE UNIQUE INDEX companies_domain ON companies (domain) WHERE domain IS NOT NULL;
CREATE INDEX companies_name ON companies (name COLLATE NOCASE, id);
CREATE INDEX companies_created ON companies (created_at, id);

CREATE TABLE customers (
  seq INTEGER PRIMARY KEY,            -- stable rowid shared with the full-text index
  id TEXT NOT NULL UNIQUE,
  first_name TEXT,
  last_name TEXT,
  display_name TEXT NOT NULL,
  birthday TEXT,
  language TEXT,
  time_zone TEXT,
  company_id TEXT REFERENCES companies (id) ON DELETE SET NULL,
  owner_id TEXT,
  lifecycle_stage TEXT NOT NULL DEFAULT 'lead',
  relationship_type TEXT,
  preferred_channel TEXT,
  addresses TEXT NOT NULL DEFAULT '[]',
  tags TEXT NOT NULL DEFAULT '[]',
  custom_fields TEXT NOT NULL DEFAULT '{}',
  external_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE UNIQUE INDEX customers_external_id ON customers (external_id) WHERE external_id IS NOT NULL;
CREATE INDEX customers_created ON customers (created_at, id);
CREATE INDEX customers_updated ON customers (updated_at, id);
-- Names sort as people expect, ignoring case; the sort expressions in customers/sort.cpp match.
CREATE INDEX customers_display_name ON customers (display_name COLLATE NOCASE, id);
CREATE INDEX customers_last_name ON customers (COALESCE(last_name, '') COLLATE NOCASE, id);
CREATE INDEX customers_first_name ON customers (COALESCE(first_name, '') COLLATE NOCASE, id);
CREATE INDEX customers_company ON customers (company_id);
CREATE INDEX customers_owner ON customers (owner_id);
CREATE INDEX customers_stage ON customers (lifecycle_stage);

CREATE TABLE customer_emails (
  customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  address TEXT NOT NULL,
  address_key TEXT NOT NULL UNIQUE,   -- lower-cased: addresses are unique case-insensitively
  label TEXT,
  is_primary INTEGER NOT NULL,
  PRIMARY KEY (customer_id, position)
) STRICT;

CREATE TABLE customer_phones (
  customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  number TEXT NOT NULL,               -- E.164
  label TEXT,
  is_primary INTEGER NOT NULL,
  PRIMARY KEY (customer_id, position)
) STRICT;
CREATE INDEX customer_phones_number ON customer_phones (number);

-- Consent is a history: the current state per (channel, purpose) is the row with the newest
-- recorded_at (ties: the later insert).
CREATE TABLE consent_records (
  seq INTEGER PRIMARY KEY,
  customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  channel TEXT NOT NULL,
  purpose TEXT NOT NULL,
  status TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  source TEXT,
  wording_version TEXT
) STRICT;
CREATE INDEX consent_records_current
  ON consent_records (customer_id, channel, purpose, recorded_at, seq);

CREATE VIRTUAL TABLE customer_search USING fts5 (
  names, emails, phones, company, tags,
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE custom_field_definitions (
  object_type TEXT NOT NULL,
  key TEXT NOT NULL,
  label TEXT NOT NULL,
  type TEXT NOT NULL,
  options TEXT NOT NULL DEFAULT '[]',
  required INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  PRIMARY KEY (object_type, key)
) STRICT;

CREATE TABLE interactions (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  channel TEXT NOT NULL,
  direction TEXT NOT NULL,
  kind TEXT NOT NULL,
  subject TEXT,
  body TEXT,
  occurred_at TEXT NOT NULL,
  duration_seconds INTEGER,
  staff_id TEXT,
  sentiment TEXT NOT NULL DEFAULT 'unknown',
  external_ref TEXT,
  metadata TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX interactions_timeline ON interactions (customer_id, occurred_at, id);
CREATE INDEX interactions_timeline_channel ON interactions (customer_id, channel, occurred_at, id);

-- Maintained by the customer-metrics subscriber from interaction events (never by scanning).
CREATE TABLE customer_channel_stats (
  customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  channel TEXT NOT NULL,
  interaction_count INTEGER NOT NULL,
  last_at TEXT NOT NULL,
  PRIMARY KEY (customer_id, channel)
) STRICT, WITHOUT ROWID;

CREATE TABLE customer_metrics (
  customer_id TEXT PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
  interaction_count INTEGER NOT NULL DEFAULT 0,
  last_contact_at TEXT
) STRICT, WITHOUT ROWID;

-- The outbox: every change is written with its event in one transaction. AUTOINCREMENT so a
-- sequence number is never reused, which consumers' saved positions rely on.
CREATE TABLE events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  aggregate_type TEXT NOT NULL,
  aggregate_id TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  actor TEXT,
  request_id TEXT,
  payload TEXT NOT NULL
) STRICT;
CREATE INDEX events_aggregate ON events (aggregate_type, aggregate_id, seq);

CREATE TABLE event_consumers (
  name TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,    -- SHA-256 of the secret; the secret itself is never stored
  prefix TEXT NOT NULL,               -- first characters, to recognise a token in a list
  created_at TEXT NOT NULL,
  expires_at TEXT,
  revoked_at TEXT
) STRICT;

CREATE TABLE idempotency_keys (
  principal TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  response_body TEXT NOT NULL,
  location TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (principal, key)
) STRICT;
