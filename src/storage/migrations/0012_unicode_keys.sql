-- Unicode-aware sorting and matching (docs/design/unicode.md). collation_key, email_key and
-- search_fold are SQL functions over ICU that every Rapport connection registers
-- (storage/sqlite/text_functions.hpp).

-- Settings that belong to the data rather than to one server's configuration.
CREATE TABLE instance_settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
-- The locale the collation keys below were made with. '' until the first start checks them:
-- that start re-keys with the configured locale (storage/collation_sync.hpp).
INSERT INTO instance_settings (name, value) VALUES ('collation_locale', '');

-- Names sort by locale collation (Ł with L, not after Z): indexes on the ICU sort key replace the
-- byte-wise NOCASE ones, and customers/sort.cpp, company and product lists order by the same
-- expressions. companies_name stays: imports find a company by its name.
DROP INDEX customers_display_name;
DROP INDEX customers_last_name;
DROP INDEX customers_first_name;
CREATE INDEX customers_display_name_key ON customers (collation_key(display_name), id);
CREATE INDEX customers_last_name_key ON customers (collation_key(COALESCE(last_name, '')), id);
CREATE INDEX customers_first_name_key ON customers (collation_key(COALESCE(first_name, '')), id);
CREATE INDEX companies_name_key ON companies (collation_key(name), id);
DROP INDEX products_name;
CREATE INDEX products_name_key ON products (collation_key(name), id);

-- E-mail uniqueness keys by Unicode case folding. Staff accounts were keyed by ASCII lower-casing
-- (so "ÄRGER@x.de" and "ärger@x.de" had two keys); customers' keys are re-made as well so both
-- use the one function. OR IGNORE: two old accounts that fold to one key keep their old keys
-- rather than stopping the upgrade; signing in with either spelling then finds neither, and
-- `rapport user` can rename one (docs/design/unicode.md).
UPDATE OR IGNORE users SET email_key = email_key(email);
UPDATE OR IGNORE customer_emails SET address_key = email_key(address);
