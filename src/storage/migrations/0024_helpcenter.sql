-- The help center (docs/design/helpcenter.md): categories, articles with their Markdown source and
-- the sanitised HTML and plain text rendered from it at write time, every saved revision, the
-- full-text index of stemmed words, and the help center's settings and synonym list.

CREATE TABLE kb_categories (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  position INTEGER NOT NULL DEFAULT 0,
  description TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE kb_articles (
  seq INTEGER PRIMARY KEY,                -- the rowid of kb_search
  id TEXT NOT NULL UNIQUE,
  slug TEXT NOT NULL UNIQUE,              -- one namespace: translations get their own ("-de")
  language TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,                     -- Markdown as written
  body_html TEXT NOT NULL,                -- sanitised HTML rendered from it (helpcenter/markdown)
  body_text TEXT NOT NULL,                -- plain text, one paragraph a line: search passages
  category_id TEXT REFERENCES kb_categories (id),
  tags TEXT NOT NULL DEFAULT '[]',
  topic TEXT,
  translation_of TEXT,                    -- the slug of the article this one translates
  status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'archived')),
  author_id TEXT,
  helpful_yes INTEGER NOT NULL DEFAULT 0,
  helpful_no INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  published_at TEXT,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX kb_articles_category ON kb_articles (category_id, status, language);
CREATE INDEX kb_articles_status ON kb_articles (status, language, updated_at);
CREATE INDEX kb_articles_translation ON kb_articles (translation_of) WHERE translation_of IS NOT NULL;

-- Every save of an article, as it was saved (restoring one is a new save).
CREATE TABLE kb_article_revisions (
  seq INTEGER PRIMARY KEY,
  article_id TEXT NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  category_id TEXT,
  tags TEXT NOT NULL,
  topic TEXT,
  language TEXT NOT NULL,
  status TEXT NOT NULL,
  saved_by TEXT,
  saved_at TEXT NOT NULL,
  UNIQUE (article_id, version)
) STRICT;

-- Words already folded and stemmed in C++ by the article's language (helpcenter/text_analysis),
-- so the table uses FTS5's own tokenizer and any SQLite can read it. `words` holds the unstemmed
-- folded words, for prefix matching while one types.
CREATE VIRTUAL TABLE kb_search USING fts5 (
  title, body, words, tokenize = 'unicode61 remove_diacritics 2'
);

-- The help center's settings ('settings': title, logo, colours) and synonym list ('synonyms').
CREATE TABLE kb_config (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;
