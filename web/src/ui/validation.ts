// Client-side checks that mirror the server's rules (src/customers/contact_points.cpp,
// customer_input.cpp), so a form can point at a mistake before sending. The server stays the
// judge: its field errors are shown the same way.

export function checkEmail(address: string): string | null {
  const trimmed = address.trim();
  if (!trimmed) return null;
  const invalid = 'must be a valid email address';
  const at = trimmed.indexOf('@');
  if (trimmed.length > 254 || at <= 0 || at > 64 || trimmed.indexOf('@', at + 1) !== -1) return invalid;
  // Control characters and spaces are refused as the server refuses them.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f<>,;]/.test(trimmed)) return invalid;
  const domain = trimmed.slice(at + 1);
  const dot = domain.indexOf('.');
  if (dot <= 0 || domain.endsWith('.') || domain.includes('..')) return invalid;
  return null;
}

/** The server's E.164 normalisation (contact_points.cpp): separators dropped, 00 means +. */
export function normalizePhone(number: string): string | null {
  let text = number.trim();
  let international = text.startsWith('+');
  if (international) text = text.slice(1);
  if (!/^[0-9 \-.()/]*$/.test(text)) return null;
  let digits = text.replace(/[^0-9]/g, '');
  if (!international && digits.length > 2 && digits.startsWith('00')) {
    international = true;
    digits = digits.slice(2);
  }
  if (!international || !digits || digits[0] === '0' || digits.length < 8 || digits.length > 15) return null;
  return `+${digits}`;
}

export function checkPhone(number: string): string | null {
  const trimmed = number.trim();
  if (!trimmed) return null;
  let text = trimmed.startsWith('+') ? trimmed.slice(1) : trimmed;
  if (!/^[0-9 \-.()/]*$/.test(text)) return 'may contain only digits, spaces and - . ( ) /, after an optional +';
  text = text.replace(/[^0-9]/g, '');
  const international = trimmed.startsWith('+') || (text.length > 2 && text.startsWith('00'));
  if (!international) return 'must include the country code, e.g. +49 151 2345678';
  if (normalizePhone(trimmed) === null) {
    const digits = trimmed.startsWith('+') ? text : text.slice(2);
    if (!digits || digits[0] === '0') return 'country codes never start with 0';
    return 'must have between 8 and 15 digits including the country code';
  }
  return null;
}

export function checkDate(value: string): string | null {
  if (!value) return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'must be a real date written YYYY-MM-DD';
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    return 'must be a real date written YYYY-MM-DD';
  }
  return null;
}

export interface CustomerDraft {
  first_name: string;
  last_name: string;
  email: string;
  phone: string;
  birthday?: string;
}

/** Field errors keyed like the server's (emails[0].address, phones[0].number). */
export function checkCustomerDraft(draft: CustomerDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  const email = checkEmail(draft.email);
  if (email) errors['emails[0].address'] = email;
  const phone = checkPhone(draft.phone);
  if (phone) errors['phones[0].number'] = phone;
  if (draft.birthday) {
    const birthday = checkDate(draft.birthday);
    if (birthday) errors.birthday = birthday;
    else if (draft.birthday > new Date().toISOString().slice(0, 10)) errors.birthday = 'cannot be in the future';
  }
  if (!draft.first_name.trim() && !draft.last_name.trim() && !draft.email.trim() && !draft.phone.trim()) {
    errors.first_name = 'a customer needs a name, an email address or a phone number';
  }
  return errors;
}
