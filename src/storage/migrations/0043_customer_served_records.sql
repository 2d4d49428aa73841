-- Served records (docs/design/served_records.md): each customer's record as the API serves it to
-- a caller whose roles hide nothing, rendered once after it changes, so a page of customers is
-- one read per row instead of the row, its contact points and its consent built and written out.
--
-- A rendered record is only ever absent or current: every change to what a record shows deletes
-- it in the changing statement's own transaction (the triggers below) and marks the customer
-- stale; readers serve a customer without a record from its rows, as before; the renderer
-- (customers/served_records.hpp) renders the stale ones after the write, in a write transaction.
CREATE TABLE customer_served_records (
  customer_seq INTEGER PRIMARY KEY,  -- customers.seq
  body TEXT NOT NULL
) STRICT;

-- Customers whose record is to be rendered; what the renderer works through, oldest first. The
-- triggers test for an existing row rather than INSERT OR IGNORE: the statement that fires a
-- trigger imposes its own conflict policy on the trigger's statements (a company's deletion sets
-- its customers' company_id to NULL with ABORT), which would turn a repeat into an error.
CREATE TABLE customer_served_stale (
  customer_seq INTEGER PRIMARY KEY  -- customers.seq
) STRICT;

CREATE TRIGGER customer_served_on_insert AFTER INSERT ON customers BEGIN
  INSERT INTO customer_served_stale (customer_seq) SELECT NEW.seq
    WHERE NOT EXISTS (SELECT 1 FROM customer_served_stale WHERE customer_seq = NEW.seq);
END;

-- Every column of the row is served (or, for seq, keys it), so any update invalidates. This also
-- fires for ON DELETE SET NULL of a deleted company, which SQLite runs as an UPDATE.
CREATE TRIGGER customer_served_on_update AFTER UPDATE ON customers BEGIN
  DELETE FROM customer_served_records WHERE customer_seq = OLD.seq;
  INSERT INTO customer_served_stale (customer_seq) SELECT NEW.seq
    WHERE NOT EXISTS (SELECT 1 FROM customer_served_stale WHERE customer_seq = NEW.seq);
END;

CREATE TRIGGER customer_served_on_delete AFTER DELETE ON customers BEGIN
  DELETE FROM customer_served_records WHERE customer_seq = OLD.seq;
  DELETE FROM customer_served_stale WHERE customer_seq = OLD.seq;
END;

-- Contact points and consent are served inside the record. A row cascaded away with its customer
-- finds no customer here, and does nothing.
CREATE TRIGGER customer_served_email_insert AFTER INSERT ON customer_emails BEGIN
  DELETE FROM customer_served_records
    WHERE customer_seq = (SELECT seq FROM customers WHERE id = NEW.customer_id);
  INSERT INTO customer_served_stale (customer_seq)
    SELECT seq FROM customers WHERE id = NEW.customer_id
      AND NOT EXISTS (SELECT 1 FROM customer_served_stale WHERE customer_seq = customers.seq);
END;

CREATE TRIGGER customer_served_email_update AFTER UPDATE ON customer_emails BEGIN
  DELETE FROM customer_served_records
    WHERE customer_seq IN (SELECT seq FROM customers WHERE id IN (OLD.customer_id, NEW.customer_id));
  INSERT INTO customer_served_stale (customer_seq)
    SELECT seq FROM customers WHERE id IN (OLD.customer_id, NEW.customer_id)
      AND NOT EXISTS (SELECT 1 FROM customer_served_stale WHERE customer_seq = customers.seq);
END;

CREATE TRIGGER customer_served_email_delete AFTER DELETE ON customer_emails BEGIN
  DELETE FROM customer_served_records
    WHERE customer_seq = (SELECT seq FROM customers WHERE id = OLD.customer_id);
  INSERT INTO customer_served_stale (customer_seq)
    SELECT seq FROM customers WHERE id = OLD.customer_id
      AND NOT EXISTS (SELECT 1 FROM customer_served_stale WHERE customer_seq = customers.seq);
END;

CREATE TRIGGER customer_served_phone_insert AFTER INSERT ON customer_phones BEGIN
  DELETE FROM customer_served_records
    WHERE customer_seq = (SELECT seq FROM customers WHERE id = NEW.customer_id);
  INSERT INTO customer_served_stale (customer_seq)
    SELECT seq FROM customers WHERE id = NEW.customer_id
      AND NOT EXISTS (SELECT 1 FROM customer_served_stale WHERE customer_seq = customers.seq);
END;

CREATE TRIGGER customer_served_phone_update AFTER UPDATE ON customer_phones BEGIN
  DELETE FROM customer_served_records
    WHERE customer_seq IN (SELECT seq FROM customers WHERE id IN (OLD.customer_id, NEW.customer_id));
  INSERT INTO customer_served_stale (customer_seq)
    SELECT seq FROM customers WHERE id IN (OLD.customer_id, NEW.customer_id)
      AND NOT EXISTS (SELECT 1 FROM customer_served_stale WHERE customer_seq = customers.seq);
END;

CREATE TRIGGER customer_served_phone_delete AFTER DELETE ON customer_phones BEGIN
  DELETE FROM customer_served_records
    WHERE customer_seq = (SELECT seq FROM customers WHERE id = OLD.customer_id);
  INSERT INTO customer_served_stale (customer_seq)
    SELECT seq FROM customers WHERE id = OLD.customer_id
      AND NOT EXISTS (SELECT 1 FROM customer_served_stale WHERE customer_seq = customers.seq);
END;

CREATE TRIGGER customer_served_consent_insert AFTER INSERT ON consent_records BEGIN
  DELETE FROM customer_served_records
    WHERE customer_seq = (SELECT seq FROM customers WHERE id = NEW.customer_id);
  INSERT INTO customer_served_stale (customer_seq)
    SELECT seq FROM customers WHERE id = NEW.customer_id
      AND NOT EXISTS (SELECT 1 FROM customer_served_stale WHERE customer_seq = customers.seq);
END;

CREATE TRIGGER customer_served_consent_update AFTER UPDATE ON consent_records BEGIN
  DELETE FROM customer_served_records
    WHERE customer_seq IN (SELECT seq FROM customers WHERE id IN (OLD.customer_id, NEW.customer_id));
  INSERT INTO customer_served_stale (customer_seq)
    SELECT seq FROM customers WHERE id IN (OLD.customer_id, NEW.customer_id)
      AND NOT EXISTS (SELECT 1 FROM customer_served_stale WHERE customer_seq = customers.seq);
END;

CREATE TRIGGER customer_served_consent_delete AFTER DELETE ON consent_records BEGIN
  DELETE FROM customer_served_records
    WHERE customer_seq = (SELECT seq FROM customers WHERE id = OLD.customer_id);
  INSERT INTO customer_served_stale (customer_seq)
    SELECT seq FROM customers WHERE id = OLD.customer_id
      AND NOT EXISTS (SELECT 1 FROM customer_served_stale WHERE customer_seq = customers.seq);
END;

-- Every existing customer is rendered once, by the server after start-up.
INSERT INTO customer_served_stale (customer_seq) SELECT seq FROM customers;
