// Custom fields (administrators): the definitions for customers and companies, and defining a
// new one. Definitions cannot be changed or removed yet (the server has no such endpoint).
import { useState, type FormEvent } from 'react';
import { api, ApiError, type FieldErrors } from '../../api/client';
import type { CustomField } from '../../api/types';
import { Field, SelectField, TextAreaField } from '../../ui/Field';
import { humanize } from '../../ui/format';
import { Empty, ErrorNote, Loading } from '../../ui/States';
import { useApi } from '../../api/useResource';
import { FormError } from '../../ui/Notices';
import { placeErrors } from '../../ui/errors';
import type { ListOf } from './types';

const TYPES: { value: CustomField['type']; label: string }[] = [
  { value: 'text', label: 'Text' },
  { value: 'number', label: 'Number' },
  { value: 'date', label: 'Date' },
  { value: 'boolean', label: 'Yes / no' },
  { value: 'select', label: 'Choice from a list' },
];

const typeLabel = (type: string) => TYPES.find((t) => t.value === type)?.label ?? humanize(type);

export function CustomFieldsTab() {
  const fields = useApi<ListOf<CustomField>>('/custom-fields');
  const [notice, setNotice] = useState<string | null>(null);
  const list = [...(fields.data?.data ?? [])].sort(
    (a, b) => a.object_type.localeCompare(b.object_type) || a.label.localeCompare(b.label),
  );

  return (
    <>
      <section className="card" aria-labelledby="custom-fields-title">
        <h2 id="custom-fields-title">Custom fields</h2>
        <p>Extra fields on customers and companies. Definitions cannot be changed or removed once made, so check them before saving.</p>
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        {fields.loading && !fields.data && <Loading what="custom fields" />}
        {fields.error !== undefined && <ErrorNote error={fields.error} onRetry={fields.reload} />}
        {fields.data && list.length === 0 && <Empty>No custom fields yet.</Empty>}
        {list.length > 0 && (
          <div className="table-wrap">
            <table className="data-table" aria-labelledby="custom-fields-title">
              <thead>
                <tr>
                  <th scope="col">Record</th>
                  <th scope="col">Label</th>
                  <th scope="col">Key</th>
                  <th scope="col">Type</th>
                  <th scope="col">Options</th>
                  <th scope="col">Required</th>
                  <th scope="col">Sensitive</th>
                </tr>
              </thead>
              <tbody>
                {list.map((f) => (
                  <tr key={`${f.object_type}.${f.key}`}>
                    <td>{humanize(f.object_type)}</td>
                    <td>{f.label}</td>
                    <td>
                      <code>{f.key}</code>
                    </td>
                    <td>{typeLabel(f.type)}</td>
                    <td>{f.options?.length ? f.options.join(', ') : '—'}</td>
                    <td>{f.required ? 'Yes' : 'No'}</td>
                    <td>{f.sensitive ? 'Yes' : 'No'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <NewFieldForm
        onCreated={(field) => {
          fields.setData((current) => (current ? { data: [...current.data, field] } : current));
          setNotice(`Defined the ${field.object_type} field “${field.label}”.`);
        }}
      />
    </>
  );
}

function NewFieldForm({ onCreated }: { onCreated: (field: CustomField) => void }) {
  const [objectType, setObjectType] = useState<CustomField['object_type']>('customer');
  const [key, setKey] = useState('');
  const [label, setLabel] = useState('');
  const [type, setType] = useState<CustomField['type']>('text');
  const [options, setOptions] = useState('');
  const [required, setRequired] = useState(false);
  const [sensitive, setSensitive] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const optionList = [...new Set(options.split('\n').map((o) => o.trim()).filter(Boolean))];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const problems: FieldErrors = {};
    if (!/^[a-z][a-z0-9_]{0,63}$/.test(key)) problems.key = 'must be snake_case: a lower-case letter first, then letters, digits or _, at most 64';
    if (!label.trim()) problems.label = 'is required';
    if (type === 'select' && (optionList.length < 1 || optionList.length > 500)) problems.options = 'give between 1 and 500 options, one per line';
    setErrors(problems);
    if (Object.keys(problems).length) {
      setFormError('Some fields need attention.');
      return;
    }
    setBusy(true);
    setFormError(null);
    try {
      const field = await api<CustomField>('POST', '/custom-fields', {
        body: {
          object_type: objectType,
          key,
          label: label.trim(),
          type,
          ...(type === 'select' ? { options: optionList } : {}),
          required,
          sensitive,
        },
      });
      setKey('');
      setLabel('');
      setOptions('');
      setRequired(false);
      setSensitive(false);
      onCreated({ ...field, options: field.options ?? [], sensitive: field.sensitive ?? sensitive });
    } catch (err) {
      const placed = placeErrors(err, (path) => {
        const root = path.split(/[.[]/)[0];
        if (root === 'object_type') return 'object_type';
        return ['key', 'label', 'type', 'options', 'required', 'sensitive'].includes(root) ? root : null;
      });
      if (err instanceof ApiError && err.status === 409 && Object.keys(placed.fields).length === 0) {
        placed.fields.key = err.message;
        placed.rest = 'Some fields need attention.';
      }
      setErrors(placed.fields);
      setFormError(placed.rest);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="new-field-title">
      <h2 id="new-field-title">Define a custom field</h2>
      <form onSubmit={submit} noValidate aria-labelledby="new-field-title">
        <FormError message={formError} />
        <div className="form-grid">
          <SelectField
            label="Record"
            value={objectType}
            onChange={(e) => setObjectType(e.target.value as CustomField['object_type'])}
            error={errors.object_type}
            options={[
              { value: 'customer', label: 'Customer' },
              { value: 'company', label: 'Company' },
            ]}
          />
          <Field label="Label" value={label} onChange={(e) => setLabel(e.target.value)} error={errors.label} required hint="What people see, e.g. Shoe size" />
          <Field
            label="Key"
            value={key}
            onChange={(e) => setKey(e.target.value)}
            error={errors.key}
            required
            spellCheck={false}
            autoComplete="off"
            hint="Used by the API and filters, e.g. shoe_size. Cannot be changed later."
          />
          <SelectField label="Type" value={type} onChange={(e) => setType(e.target.value as CustomField['type'])} error={errors.type} options={TYPES} />
          {type === 'select' && (
            <TextAreaField
              label="Options"
              value={options}
              onChange={(e) => setOptions(e.target.value)}
              error={errors.options}
              rows={5}
              required
              hint="One per line."
            />
          )}
          <Field
            label="Required"
            type="checkbox"
            checked={required}
            onChange={(e) => setRequired(e.target.checked)}
            error={errors.required}
            hint="New records must have a value; existing records stay editable without one."
          />
          <Field
            label="Sensitive"
            type="checkbox"
            checked={sensitive}
            onChange={(e) => setSensitive(e.target.checked)}
            error={errors.sensitive}
            hint="Hidden from roles that may not see sensitive data (such as support, marketing and viewer)."
          />
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : 'Define field'}
          </button>
        </div>
      </form>
    </section>
  );
}
