-- Surveys (docs/design/surveys.md): a survey's definition is versioned — answers keep the version
-- they were given on, so a survey edited after its first answer gets a new row here rather than
-- changing what earlier answers mean. `surveys.version` is the record's ETag version;
-- `current_version` the definition new invitations are given.
CREATE TABLE surveys (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,                 -- srv_…
  name TEXT NOT NULL,
  kind TEXT NOT NULL,                      -- nps | csat | ces | custom
  purpose TEXT NOT NULL,                   -- service | marketing (marketing needs consent)
  status TEXT NOT NULL DEFAULT 'active',   -- active | archived
  current_version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX surveys_name ON surveys (name COLLATE NOCASE, id);

CREATE TABLE survey_versions (
  survey_id TEXT NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  definition TEXT NOT NULL,                -- {questions: [...], languages: [...]} as validated
  created_at TEXT NOT NULL,
  PRIMARY KEY (survey_id, version)
) STRICT;

-- One invitation per ask. The link's secret is random (22 characters) and only its SHA-256 is
-- kept, so the table cannot be turned back into working links. A throttled or refused ask is a
-- row too (status throttled | no_consent, no token): nothing is silently lost.
CREATE TABLE survey_invitations (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,                 -- inv_…
  survey_id TEXT NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
  survey_version INTEGER NOT NULL,
  customer_id TEXT REFERENCES customers (id) ON DELETE CASCADE,
  token_hash TEXT UNIQUE,                  -- NULL when nothing was sent
  language TEXT NOT NULL,                  -- en | de
  about_ticket_id TEXT,
  about_order_id TEXT,
  status TEXT NOT NULL,                    -- sent | answering | completed | throttled | no_consent
  expires_at TEXT,
  created_at TEXT NOT NULL,
  completed_at TEXT
) STRICT;
CREATE INDEX survey_invitations_survey ON survey_invitations (survey_id, created_at);
CREATE INDEX survey_invitations_customer ON survey_invitations (customer_id, created_at);

-- The answer of one invitation, saved page by page: `answers` is {question_id: value}; `score`
-- is the kind's main question (NPS 0-10, CSAT 1-5, CES 1-7), `comment` the first free text.
CREATE TABLE survey_answers (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,                 -- ans_…
  invitation_id TEXT NOT NULL UNIQUE REFERENCES survey_invitations (id) ON DELETE CASCADE,
  survey_id TEXT NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
  survey_version INTEGER NOT NULL,
  customer_id TEXT REFERENCES customers (id) ON DELETE CASCADE,
  answers TEXT NOT NULL DEFAULT '{}',
  score INTEGER,
  comment TEXT,
  sentiment REAL,
  status TEXT NOT NULL,                    -- partial | completed
  started_at TEXT NOT NULL,
  answered_at TEXT
) STRICT;
CREATE INDEX survey_answers_survey ON survey_answers (survey_id, answered_at);
CREATE INDEX survey_answers_customer ON survey_answers (customer_id, answered_at);

-- The contact budget (feedback/contact_budget.hpp): every ask of a customer, of every kind
-- (survey, ticket rating, review request, later loyalty and campaign mail).
CREATE TABLE contact_asks (
  seq INTEGER PRIMARY KEY,
  customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  asked_at TEXT NOT NULL
) STRICT;
CREATE INDEX contact_asks_customer ON contact_asks (customer_id, asked_at);
