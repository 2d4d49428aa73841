// The customer form, for creating and for editing in place: names, email addresses and phones
// (with the primary marked), stage, tags, birthday, language and custom fields. Client-side
// checks mirror the server's; the server's field errors appear at the same fields; a version
// conflict (412) is reported to the caller, which offers a reload.
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import type { Customer, CustomField } from '../../api/types';
import { fieldRule, useSession } from '../../app/session';
import { Field, SelectField } from '../../ui/Field';
import { FormActions } from '../../ui/FormActions';
import { FormError } from '../../ui/Notices';
import { humanize } from '../../ui/format';
import { checkDate, checkEmail, checkPhone } from '../../ui/validation';
import { STAGES } from './BulkActions';

interface Row {
  value: string;
  primary: boolean;
}

interface Props {
  customer?: Customer;
  customFields: CustomField[];
  onSaved: (customer: Customer) => void;
  onCancel: () => void;
  onConflict?: () => void;
}

function rowsOf<T extends { primary?: boolean }>(items: T[] | undefined, value: (t: T) => string): Row[] {
  const rows = (items ?? []).map((i) => ({ value: value(i), primary: Boolean(i.primary) }));
  return rows.length ? rows : [{ value: '', primary: true }];
}

export function CustomerEditor({ customer, customFields, onSaved, onCancel, onConflict }: Props) {
  const { me } = useSession();
  const [firstName, setFirstName] = useState(customer?.first_name ?? '');
  const [lastName, setLastName] = useState(customer?.last_name ?? '');
  const [emails, setEmails] = useState<Row[]>(() => rowsOf(customer?.emails, (e) => e.address));
  const [phones, setPhones] = useState<Row[]>(() => rowsOf(customer?.phones, (p) => p.number));
  const [stage, setStage] = useState(customer?.lifecycle_stage ?? 'lead');
  const [tags, setTags] = useState((customer?.tags ?? []).join(', '));
  const [birthday, setBirthday] = useState(customer?.birthday ?? '');
  const [language, setLanguage] = useState(customer?.language ?? '');
  const [custom, setCustom] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(customer?.custom_fields ?? {}).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)])),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const rule = (field: string) => fieldRule(me, 'customers', field);
  const showBirthday = rule('birthday') !== 'hidden';
  const readOnly = (field: string) => rule(field) === 'read_only';

  const check = (): Record<string, string> => {
    const found: Record<string, string> = {};
    emails.forEach((e, i) => {
      const problem = checkEmail(e.value);
      if (problem) found[`emails[${i}].address`] = problem;
    });
    phones.forEach((p, i) => {
      const problem = checkPhone(p.value);
      if (problem) found[`phones[${i}].number`] = problem;
    });
    if (showBirthday && birthday) {
      const problem = checkDate(birthday);
      if (problem) found.birthday = problem;
      else if (birthday > new Date().toISOString().slice(0, 10)) found.birthday = 'cannot be in the future';
    }
    const anyContact = emails.some((e) => e.value.trim()) || phones.some((p) => p.value.trim());
    if (!firstName.trim() && !lastName.trim() && !anyContact) {
      found.first_name = 'a customer needs a name, an email address or a phone number';
    }
    return found;
  };

  const body = () => {
    const out: Record<string, unknown> = {
      first_name: firstName.trim() || null,
      last_name: lastName.trim() || null,
      emails: emails.filter((e) => e.value.trim()).map((e) => ({ address: e.value.trim(), primary: e.primary })),
      phones: phones.filter((p) => p.value.trim()).map((p) => ({ number: p.value.trim(), primary: p.primary })),
      lifecycle_stage: stage,
      tags: tags.split(',').map((t) => t.trim()).filter(Boolean),
      language: language.trim() || null,
    };
    if (showBirthday && !readOnly('birthday')) out.birthday = birthday || null;
    const values: Record<string, unknown> = {};
    for (const field of customFields) {
      if (readOnly(`custom_fields.${field.key}`)) continue;
      const text = custom[field.key] ?? '';
      const before = customer?.custom_fields[field.key];
      if (text === '' && (before === undefined || before === null)) continue;
      values[field.key] =
        text === '' ? null : field.type === 'number' ? Number(text) : field.type === 'boolean' ? text === 'true' : text;
    }
    if (Object.keys(values).length) out.custom_fields = values;
    // Only what changed, so fields the role may not change are never sent.
    if (customer) {
      for (const key of Object.keys(out)) {
        if (readOnly(key)) delete out[key];
      }
    }
    return out;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = check();
    setErrors(found);
    setMessage(null);
    if (Object.keys(found).length) {
      setMessage('Some fields need attention.');
      return;
    }
    setBusy(true);
    try {
      const saved = customer
        ? await api<Customer>('PATCH', `/customers/${customer.id}`, { body: body(), ifMatch: customer.version })
        : await api<Customer>('POST', '/customers', { body: body() });
      onSaved(saved);
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) {
        onConflict?.();
        setMessage('This customer was changed by someone else since you opened it.');
      } else if (err instanceof ApiError) {
        setErrors(err.fieldErrors);
        setMessage(err.message);
      } else {
        setMessage('Saving failed.');
      }
    } finally {
      setBusy(false);
    }
  };

  const listEditor = (label: string, rows: Row[], setRows: (r: Row[]) => void, key: 'emails' | 'phones', type: string) => (
    <fieldset className="contact-rows">
      <legend>{label}</legend>
      {rows.map((row, i) => {
        const path = key === 'emails' ? `emails[${i}].address` : `phones[${i}].number`;
        return (
          <div key={i} className="contact-row">
            <Field
              label={`${label} ${i + 1}`}
              type={type}
              value={row.value}
              error={errors[path] ?? errors[key]}
              disabled={readOnly(key)}
              onChange={(e) => setRows(rows.map((r, j) => (j === i ? { ...r, value: e.target.value } : r)))}
            />
            <label className="primary-choice">
              <input
                type="radio"
                name={`${key}-primary`}
                checked={row.primary}
                disabled={readOnly(key)}
                onChange={() => setRows(rows.map((r, j) => ({ ...r, primary: j === i })))}
              />{' '}
              Primary
            </label>
            {rows.length > 1 && !readOnly(key) && (
              <button type="button" className="small" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                Remove
              </button>
            )}
          </div>
        );
      })}
      {!readOnly(key) && (
        <button type="button" className="small" onClick={() => setRows([...rows, { value: '', primary: rows.length === 0 }])}>
          Add {key === 'emails' ? 'email' : 'phone'}
        </button>
      )}
    </fieldset>
  );

  return (
    <form className="customer-editor card" onSubmit={submit} noValidate aria-label={customer ? 'Edit customer' : 'New customer'}>
      <FormError message={message} />
      <div className="form-grid">
        <Field label="First name" value={firstName} error={errors.first_name} disabled={readOnly('first_name')} onChange={(e) => setFirstName(e.target.value)} />
        <Field label="Last name" value={lastName} error={errors.last_name} disabled={readOnly('last_name')} onChange={(e) => setLastName(e.target.value)} />
        <SelectField
          label="Lifecycle stage"
          value={stage}
          error={errors.lifecycle_stage}
          disabled={readOnly('lifecycle_stage')}
          options={STAGES.map((s) => ({ value: s, label: humanize(s) }))}
          onChange={(e) => setStage(e.target.value as typeof stage)}
        />
        <Field label="Tags" hint="Separate with commas" value={tags} error={errors.tags} disabled={readOnly('tags')} onChange={(e) => setTags(e.target.value)} />
        {showBirthday && (
          <Field label="Birthday" type="date" value={birthday} error={errors.birthday} disabled={readOnly('birthday')} onChange={(e) => setBirthday(e.target.value)} />
        )}
        <Field label="Language" placeholder="en, pt-BR…" value={language} error={errors.language} onChange={(e) => setLanguage(e.target.value)} />
      </div>
      {listEditor('Email', emails, setEmails, 'emails', 'email')}
      {listEditor('Phone', phones, setPhones, 'phones', 'tel')}
      {customFields.length > 0 && (
        <fieldset className="form-grid">
          <legend>Custom fields</legend>
          {customFields.map((field) =>
            field.type === 'select' || field.type === 'boolean' ? (
              <SelectField
                key={field.key}
                label={field.label}
                value={custom[field.key] ?? ''}
                error={errors[`custom_fields.${field.key}`]}
                disabled={readOnly(`custom_fields.${field.key}`)}
                options={[{ value: '', label: '—' }, ...(field.type === 'boolean' ? ['true', 'false'] : field.options).map((o) => ({ value: o, label: o }))]}
                onChange={(e) => setCustom({ ...custom, [field.key]: e.target.value })}
              />
            ) : (
              <Field
                key={field.key}
                label={field.label + (field.required ? ' (required)' : '')}
                type={field.type === 'number' ? 'number' : field.type === 'date' ? 'date' : 'text'}
                value={custom[field.key] ?? ''}
                error={errors[`custom_fields.${field.key}`]}
                disabled={readOnly(`custom_fields.${field.key}`)}
                onChange={(e) => setCustom({ ...custom, [field.key]: e.target.value })}
              />
            ),
          )}
        </fieldset>
      )}
      <FormActions busy={busy} label={customer ? 'Save changes' : 'Create customer'} busyLabel="Saving…" onCancel={onCancel} cancelWhileBusy />
    </form>
  );
}
