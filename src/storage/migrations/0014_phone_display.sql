-- Each phone number's display form (international format, "+49 1523 4944775") is stored beside
-- its E.164 number, made once when the number is written, so reads never run libphonenumber
-- (docs/design/phone_numbers.md). NULL until made: rows stored before this migration are filled
-- at start-up by customers::FillPhoneDisplays (libphonenumber is not available to SQL).
ALTER TABLE customer_phones ADD COLUMN display TEXT;
-- Finds what is left to fill without scanning: empty once filled, as every write stores the form.
CREATE INDEX customer_phones_display_missing ON customer_phones (customer_id)
  WHERE display IS NULL;
