// The company form, shared by "New company" and "Edit company": client-side checks that mirror
// the server's (src/customers/company_service.cpp), field rules of the caller's roles (hidden
// fields are left out, read-only ones shown disabled), the company's custom fields, and server
// field errors shown at the field.
import { useRef, useState, type FormEvent } from 'react';
import { ApiError, type FieldErrors } from '../../api/client';
import type { Company, CustomField, Me } from '../../api/types';
import { fieldRule } from '../../app/session';
import { AddressFields, addressBody, addressDraft, checkAddress, type AddressDraft } from '../../ui/address';
import { Field, SelectField } from '../../ui/Field';
import { FormActions } from '../../ui/FormActions';
import { FormError } from '../../ui/Notices';
import { checkDate } from '../../ui/validation';
import { errorText } from '../../ui/errors';

export type CompanyBody = Record<string, unknown>;

type CoreKey = 'name' | 'domain' | 'industry' | 'size' | 'owner_id' | 'tags' | 'address';
const CORE_KEYS: CoreKey[] = ['name', 'domain', 'industry', 'size', 'owner_id', 'tags', 'address'];
const MAX_TEXT = 500;

export interface CompanyDraft {
  name: string;
  domain: string;
  industry: string;
  size: string;
  owner_id: string;
  /** Comma-separated, as typed. */
  tags: string;
  address: AddressDraft;
  /** Custom field values as text; booleans are "true", "false" or "". */
  custom: Record<string, string>;
}

function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

export function draftFrom(company: Company | undefined, definitions: CustomField[]): CompanyDraft {
  const custom: Record<string, string> = {};
  for (const d of definitions) custom[d.key] = asText(company?.custom_fields?.[d.key]);
  return {
    name: company?.name ?? '',
    domain: company?.domain ?? '',
    industry: company?.industry ?? '',
    size: company?.size ?? '',
    owner_id: company?.owner_id ?? '',
    tags: (company?.tags ?? []).join(', '),
    address: addressDraft(company?.address),
    custom,
  };
}

export function parseTags(text: string): string[] {
  const tags: string[] = [];
  for (const part of text.split(',')) {
    const tag = part.trim();
    if (tag && !tags.includes(tag)) tags.push(tag);
  }
  return tags;
}

/** The server accepts letters, digits, '-' and '.', at least one dot, no empty labels. */
export function checkDomain(value: string): string | null {
  const text = value.trim();
  if (!text) return null;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text) || text.includes('/')) {
    return 'enter just the domain, like example.com (without https:// or a path)';
  }
  if (text.includes('@')) return 'enter a domain like example.com, not an email address';
  if (text.length < 3 || text.length > 253 || !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(text)) {
    return 'must be a domain name such as example.com';
  }
  return null;
}

function customValue(definition: CustomField, text: string): unknown {
  if (text.trim() === '') return null;
  switch (definition.type) {
    case 'number':
      return Number(text.trim());
    case 'boolean':
      return text === 'true';
    case 'text':
      return text;
    default:
      return text.trim();
  }
}

type Rules = Record<CoreKey, 'hidden' | 'read_only' | 'visible'>;

function rulesFor(me: Me): Rules {
  const rules = {} as Rules;
  for (const key of CORE_KEYS) rules[key] = fieldRule(me, 'companies', key);
  return rules;
}

export function checkCompanyDraft(
  draft: CompanyDraft,
  definitions: CustomField[],
  rules: Rules,
  original: Company | undefined,
): FieldErrors {
  const errors: FieldErrors = {};
  if (rules.name !== 'hidden' && !draft.name.trim()) errors.name = 'is required';
  const domain = checkDomain(draft.domain);
  if (domain) errors.domain = domain;
  for (const key of ['name', 'industry', 'size', 'owner_id'] as const) {
    if (!errors[key] && draft[key].trim().length > MAX_TEXT) errors[key] = `must be at most ${MAX_TEXT} characters`;
  }
  if (parseTags(draft.tags).some((t) => t.length > 64)) errors.tags = 'each tag must be at most 64 characters';
  if (rules.address === 'visible') Object.assign(errors, checkAddress(draft.address, 'address'));
  for (const d of definitions) {
    const text = draft.custom[d.key] ?? '';
    const path = `custom_fields.${d.key}`;
    if (!text.trim()) {
      const hadValue = original && original.custom_fields?.[d.key] !== undefined && original.custom_fields?.[d.key] !== null;
      if (d.required && (!original || hadValue)) errors[path] = original ? 'is required and cannot be removed' : 'is required';
      continue;
    }
    if (d.type === 'number' && !Number.isFinite(Number(text.trim()))) errors[path] = 'must be a number';
    if (d.type === 'date') {
      const problem = checkDate(text.trim());
      if (problem) errors[path] = problem;
    }
    if (d.type === 'text' && text.length > 10000) errors[path] = 'must be at most 10,000 characters';
  }
  return errors;
}

/** A create body, or for an edit a merge patch of what changed (blank means none: null). */
export function bodyFrom(
  draft: CompanyDraft,
  definitions: CustomField[],
  rules: Rules,
  original: Company | undefined,
): CompanyBody {
  const body: CompanyBody = {};
  const before = original ? draftFrom(original, definitions) : undefined;
  for (const key of ['name', 'domain', 'industry', 'size', 'owner_id'] as const) {
    if (rules[key] !== 'visible') continue;
    const value = draft[key].trim();
    if (!before) {
      if (value) body[key] = value;
    } else if (value !== before[key].trim()) {
      body[key] = value === '' && key !== 'name' ? null : value;
    }
  }
  if (rules.tags === 'visible') {
    const tags = parseTags(draft.tags);
    if (!before) {
      if (tags.length) body.tags = tags;
    } else if (tags.join('\u0000') !== parseTags(before.tags).join('\u0000')) {
      body.tags = tags;
    }
  }
  if (rules.address === 'visible') {
    const address = addressBody(draft.address);
    if (!before) {
      if (address) body.address = address;
    } else if (JSON.stringify(address) !== JSON.stringify(addressBody(before.address))) {
      body.address = address;
    }
  }
  const custom: Record<string, unknown> = {};
  for (const d of definitions) {
    const text = draft.custom[d.key] ?? '';
    if (!before) {
      if (text.trim()) custom[d.key] = customValue(d, text);
    } else if (text !== (before.custom[d.key] ?? '')) {
      custom[d.key] = customValue(d, text);
    }
  }
  if (Object.keys(custom).length) body.custom_fields = custom;
  return body;
}

/** Where a server field error is shown: at its field when the form has one, else above. */
function fieldFor(path: string, definitions: CustomField[]): string | null {
  if (path === 'tags' || path.startsWith('tags[')) return 'tags';
  if (/^address\.(line1|line2|postal_code|city|region|country)$/.test(path)) return path;
  if ((CORE_KEYS as string[]).includes(path)) return path;
  const custom = /^custom_fields\.([^.[]+)/.exec(path);
  if (custom && definitions.some((d) => d.key === custom[1])) return `custom_fields.${custom[1]}`;
  return null;
}

interface Props {
  me: Me;
  /** The company being edited; absent when creating. */
  company?: Company;
  definitions: CustomField[];
  labelledBy: string;
  submitLabel: string;
  busyLabel: string;
  onSubmit: (body: CompanyBody) => Promise<void>;
  onCancel: () => void;
  /** Called instead of showing the error when the server answers 412 (stale If-Match). */
  onStale?: () => void;
}

export function CompanyForm({ me, company, definitions, labelledBy, submitLabel, busyLabel, onSubmit, onCancel, onStale }: Props) {
  const [draft, setDraft] = useState<CompanyDraft>(() => draftFrom(company, definitions));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const rules = rulesFor(me);

  const set = (key: Exclude<keyof CompanyDraft, 'custom' | 'address'>, value: string) => {
    setDraft((d) => ({ ...d, [key]: value }));
    if (errors[key]) setErrors(({ [key]: _dropped, ...rest }) => rest);
  };
  const setAddress = (part: keyof AddressDraft, value: string) => {
    setDraft((d) => ({ ...d, address: { ...d.address, [part]: value } }));
    const path = `address.${part}`;
    if (errors[path]) setErrors(({ [path]: _dropped, ...rest }) => rest);
  };
  const setCustom = (key: string, value: string) => {
    setDraft((d) => ({ ...d, custom: { ...d.custom, [key]: value } }));
    const path = `custom_fields.${key}`;
    if (errors[path]) setErrors(({ [path]: _dropped, ...rest }) => rest);
  };

  const focusFirstError = () => {
    window.setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setFormError(null);
    const problems = checkCompanyDraft(draft, definitions, rules, company);
    setErrors(problems);
    if (Object.keys(problems).length) {
      setFormError('Some fields need attention.');
      focusFirstError();
      return;
    }
    const body = bodyFrom(draft, definitions, rules, company);
    if (company && Object.keys(body).length === 0) {
      setFormError('Nothing to save: no field was changed.');
      return;
    }
    setBusy(true);
    try {
      await onSubmit(body);
    } catch (err) {
      if (err instanceof ApiError && err.status === 412 && onStale) {
        onStale();
      } else if (err instanceof ApiError && Object.keys(err.fieldErrors).length) {
        const placed: FieldErrors = {};
        const rest: string[] = [];
        for (const [path, message] of Object.entries(err.fieldErrors)) {
          const field = fieldFor(path, definitions);
          const rule = field?.startsWith('address.') ? rules.address : rules[field as CoreKey];
          if (field && rule !== 'hidden') {
            if (!(field in placed)) placed[field] = message;
          } else {
            rest.push(`${path}: ${message}`);
          }
        }
        setErrors(placed);
        setFormError(rest.length ? `${err.message} ${rest.join('; ')}` : 'Some fields need attention.');
        focusFirstError();
      } else {
        setFormError(errorText(err));
      }
    } finally {
      setBusy(false);
    }
  };

  const readOnlyHint = 'Your role may not change this.';
  const core = (key: Exclude<CoreKey, 'tags' | 'address'>, label: string, extra: Partial<Parameters<typeof Field>[0]> = {}) =>
    rules[key] === 'hidden' ? null : (
      <Field
        label={label}
        name={key}
        value={draft[key]}
        onChange={(e) => set(key, e.target.value)}
        error={errors[key]}
        disabled={rules[key] === 'read_only'}
        maxLength={MAX_TEXT}
        {...extra}
        hint={rules[key] === 'read_only' ? readOnlyHint : extra.hint}
      />
    );

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-labelledby={labelledBy} aria-busy={busy}>
      <FormError message={formError} />
      <div className="form-grid">
        {core('name', 'Name', { required: true, autoFocus: true, autoComplete: 'organization' })}
        {core('domain', 'Domain', { hint: 'e.g. example.com', inputMode: 'url', autoComplete: 'off', spellCheck: false })}
        {core('industry', 'Industry')}
        {core('size', 'Size', { hint: 'e.g. 11-50 employees' })}
        {core('owner_id', 'Owner', { hint: 'The id or name of the staff member who looks after this company' })}
        {rules.tags !== 'hidden' && (
          <Field
            label="Tags"
            name="tags"
            value={draft.tags}
            onChange={(e) => set('tags', e.target.value)}
            error={errors.tags}
            disabled={rules.tags === 'read_only'}
            hint={rules.tags === 'read_only' ? readOnlyHint : 'Separate tags with commas'}
          />
        )}
        {rules.address !== 'hidden' && (
          <AddressFields
            draft={draft.address}
            path="address"
            errors={errors}
            disabled={rules.address === 'read_only'}
            hint={rules.address === 'read_only' ? readOnlyHint : undefined}
            onChange={setAddress}
          />
        )}
        {definitions.map((d) => (
          <CustomFieldInput
            key={d.key}
            definition={d}
            value={draft.custom[d.key] ?? ''}
            error={errors[`custom_fields.${d.key}`]}
            onChange={(value) => setCustom(d.key, value)}
          />
        ))}
      </div>
      <FormActions busy={busy} label={submitLabel} busyLabel={busyLabel} onCancel={onCancel} />
    </form>
  );
}

function CustomFieldInput({
  definition,
  value,
  error,
  onChange,
}: {
  definition: CustomField;
  value: string;
  error?: string;
  onChange: (value: string) => void;
}) {
  const label = definition.required ? `${definition.label} (required)` : definition.label;
  const name = `custom_fields.${definition.key}`;
  if (definition.type === 'boolean' || definition.type === 'select') {
    const options =
      definition.type === 'boolean'
        ? [
            { value: 'true', label: 'Yes' },
            { value: 'false', label: 'No' },
          ]
        : definition.options.map((o) => ({ value: o, label: o }));
    // A value no longer among the options is still shown, so saving does not silently drop it.
    if (value && !options.some((o) => o.value === value)) options.push({ value, label: value });
    return (
      <SelectField
        label={label}
        name={name}
        value={value}
        error={error}
        required={definition.required}
        onChange={(e) => onChange(e.target.value)}
        options={[{ value: '', label: 'Not set' }, ...options]}
      />
    );
  }
  return (
    <Field
      label={label}
      name={name}
      type={definition.type === 'date' ? 'date' : 'text'}
      inputMode={definition.type === 'number' ? 'decimal' : undefined}
      value={value}
      error={error}
      required={definition.required}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
