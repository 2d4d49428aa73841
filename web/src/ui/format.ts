// Formatting shared by the screens. Pure; unit-tested.

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString(undefined, { dateStyle: 'medium', timeZone: iso.length === 10 ? 'UTC' : undefined });
}

export function humanize(token: string): string {
  const text = token.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function primaryOf<T extends { primary?: boolean }>(items: T[] | undefined): T | undefined {
  if (!items || items.length === 0) return undefined;
  return items.find((i) => i.primary) ?? items[0];
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length >= 2 ? parts[0][0] + parts[parts.length - 1][0] : (parts[0] ?? '?').slice(0, 2);
  return letters.toUpperCase();
}

/** A phone number as people read it: the server's formatted `display`, else the stored E.164. */
export function formatPhone(phone: { number: string; display?: string }): string {
  return phone.display ?? phone.number;
}

/**
 * An amount (the API's decimal string, "900.20") with its currency, in the reader's locale
 * ("$900.20", "900,20 €"). Without a currency, or with a code the browser does not know, the
 * amount is shown as a plain number with the code (if any) after it.
 */
export function formatMoney(amount: string | null | undefined, currency: string | null | undefined): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  const value = Number(amount);
  if (!Number.isFinite(value)) return currency ? `${amount} ${currency}` : amount;
  if (currency) {
    try {
      return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(value);
    } catch {
      // RangeError: not a currency code this browser knows.
    }
  }
  const plain = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
  return currency ? `${plain} ${currency}` : plain;
}
