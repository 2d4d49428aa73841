// Postal addresses in forms and on pages: one line for reading, a draft of text inputs, the
// client-side checks that mirror the server's rule (src/customers/postal_address.cpp) and the
// inputs themselves. Used by the company form; the shape is customers' `addresses[i]` too.
import type { FieldErrors } from '../api/client';
import type { Address } from '../api/types';
import { Field } from './Field';

const PARTS = ['line1', 'line2', 'postal_code', 'city', 'region', 'country'] as const;
type Part = (typeof PARTS)[number];
export type AddressDraft = Record<Part, string>;

const LABELS: Record<Part, string> = {
  line1: 'Street and number',
  line2: 'Address line 2',
  postal_code: 'Postal code',
  city: 'City',
  region: 'Region or state',
  country: 'Country code',
};
const MAX_PART = 500;

/** "1 Main St, 62701 Springfield, IL, US": the parts that are set, in reading order. */
export function formatAddress(a: Address): string {
  return [a.line1, a.line2, [a.postal_code, a.city].filter(Boolean).join(' '), a.region, a.country].filter(Boolean).join(', ');
}

export function addressDraft(a: Address | null | undefined): AddressDraft {
  const draft = {} as AddressDraft;
  for (const part of PARTS) draft[part] = a?.[part] ?? '';
  return draft;
}

/** Errors keyed like the server's ("address.country"). */
export function checkAddress(draft: AddressDraft, path: string): FieldErrors {
  const errors: FieldErrors = {};
  for (const part of PARTS) {
    if (draft[part].trim().length > MAX_PART) errors[`${path}.${part}`] = `must be at most ${MAX_PART} characters`;
  }
  const country = draft.country.trim();
  if (country && !/^[A-Za-z]{2}$/.test(country)) errors[`${path}.country`] = 'must be an ISO 3166-1 alpha-2 code such as DE';
  return errors;
}

/** The address to send: its set parts (country upper-cased), or null when every part is blank. */
export function addressBody(draft: AddressDraft): Address | null {
  const address: Address = {};
  for (const part of PARTS) {
    const value = draft[part].trim();
    if (value) address[part] = part === 'country' ? value.toUpperCase() : value;
  }
  return Object.keys(address).length ? address : null;
}

export function AddressFields({
  draft,
  path,
  errors,
  disabled,
  hint,
  onChange,
}: {
  draft: AddressDraft;
  path: string;
  errors: FieldErrors;
  disabled?: boolean;
  hint?: string;
  onChange: (part: Part, value: string) => void;
}) {
  return (
    <fieldset className="address-fields">
      <legend>Address</legend>
      {hint && <p className="field-hint">{hint}</p>}
      {PARTS.map((part) => (
        <Field
          key={part}
          label={LABELS[part]}
          name={`${path}.${part}`}
          value={draft[part]}
          onChange={(e) => onChange(part, e.target.value)}
          error={errors[`${path}.${part}`]}
          disabled={disabled}
          maxLength={part === 'country' ? 2 : MAX_PART}
          autoComplete={part === 'country' ? 'country' : part === 'line1' ? 'address-line1' : part === 'line2' ? 'address-line2' : part === 'postal_code' ? 'postal-code' : part === 'city' ? 'address-level2' : 'address-level1'}
          hint={part === 'country' ? 'Two letters, e.g. DE or US' : undefined}
        />
      ))}
    </fieldset>
  );
}
