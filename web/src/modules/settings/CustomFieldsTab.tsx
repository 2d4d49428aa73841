// Custom fields (administrators): the definitions for customers and companies, defining a new
// one, editing one (EditFieldForm) and deleting one, which removes its value from every record.
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import type { CustomField } from '../../api/types';
import { Field, SelectField } from '../../ui/Field';
import { humanize } from '../../ui/format';
import { DataTable } from '../../ui/DataTable';
import { Empty, ErrorNote, Loading } from '../../ui/States';
import { useApi } from '../../api/useResource';
import { DeleteButton } from '../../ui/Buttons';
import { FormCard } from '../../ui/FormCard';
import { useFormSubmit } from '../../ui/useFormSubmit';
import { DefinitionFields, EditFieldForm, checkDefinition, definitionErrors, settingsBody, type DefinitionSettings } from './EditFieldForm';
import type { ListOf } from './types';

const TYPES: { value: CustomField['type']; label: string }[] = [
  { value: 'text', label: 'Text' },
  { value: 'number', label: 'Number' },
  { value: 'date', label: 'Date' },
  { value: 'boolean', label: 'Yes / no' },
  { value: 'select', label: 'Choice from a list' },
];

const NO_SETTINGS: DefinitionSettings = { options: '', required: false, sensitive: false };

const typeLabel = (type: string) => TYPES.find((t) => t.value === type)?.label ?? humanize(type);

export function CustomFieldsTab() {
  const fields = useApi<ListOf<CustomField>>('/custom-fields');
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const list = [...(fields.data?.data ?? [])].sort(
    (a, b) => a.object_type.localeCompare(b.object_type) || a.label.localeCompare(b.label),
  );
  const id = (f: CustomField) => `${f.object_type}.${f.key}`;
  const editedField = list.find((f) => id(f) === editing);

  const remove = async (field: CustomField) => {
    const path = `/custom-fields/${encodeURIComponent(field.object_type)}/${encodeURIComponent(field.key)}`;
    await api('DELETE', path, { ifMatch: field.version }).catch((e) => {
      if (e instanceof ApiError && e.status === 412) {
        fields.reload();
        throw new ApiError(412, 'The field was changed by someone else meanwhile; the list has been reloaded. Check it and try again.');
      }
      throw e;
    });
    fields.setData((current) => (current ? { data: current.data.filter((f) => id(f) !== id(field)) } : current));
    if (editing === id(field)) setEditing(null);
    setNotice(`Deleted the ${field.object_type} field “${field.label}” and its values.`);
  };

  return (
    <>
      <section className="card" aria-labelledby="custom-fields-title">
        <h2 id="custom-fields-title">Custom fields</h2>
        <p>Extra fields on customers and companies. A field’s key and type cannot change once made; deleting a field removes its value from every record.</p>
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        {fields.loading && !fields.data && <Loading what="custom fields" />}
        {fields.error !== undefined && <ErrorNote error={fields.error} onRetry={fields.reload} />}
        {fields.data && list.length === 0 && <Empty>No custom fields yet.</Empty>}
        {list.length > 0 && (
          <DataTable columns={['Record', 'Label', 'Key', 'Type', 'Options', 'Required', 'Sensitive']} actions labelledBy="custom-fields-title">
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
                <td>
                  <div className="actions">
                    <button
                      type="button"
                      aria-label={`Edit ${f.label}`}
                      onClick={() => {
                        setNotice(null);
                        setEditing(id(f));
                      }}
                    >
                      Edit
                    </button>
                    <DeleteButton
                      label={`Delete ${f.label}`}
                      question={`Delete the ${f.object_type} field “${f.label}”? Its value is removed from every ${f.object_type} that has one (the audit trail keeps the old values).`}
                      confirmLabel="Delete field"
                      onConfirm={() => remove(f)}
                    />
                  </div>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
      {editedField && (
        <EditFieldForm
          key={`${id(editedField)}.${editedField.version}`}
          field={editedField}
          reloading={fields.loading}
          onReload={fields.reload}
          onDone={(updated) => {
            if (updated) {
              fields.setData((current) => (current ? { data: current.data.map((f) => (id(f) === id(updated) ? updated : f)) } : current));
              setNotice(`Saved the ${updated.object_type} field “${updated.label}”.`);
            }
            setEditing(null);
          }}
        />
      )}
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
  const [settings, setSettings] = useState<DefinitionSettings>(NO_SETTINGS);
  const { errors, formError, busy, check, send } = useFormSubmit();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const problems = checkDefinition(label, type, settings);
    if (!/^[a-z][a-z0-9_]{0,63}$/.test(key)) problems.key = 'must be snake_case: a lower-case letter first, then letters, digits or _, at most 64';
    if (!check(problems)) return;
    await send(
      async () => {
        const field = await api<CustomField>('POST', '/custom-fields', {
          body: { object_type: objectType, key, label: label.trim(), type, ...settingsBody(type, settings) },
        });
        setKey('');
        setLabel('');
        setSettings(NO_SETTINGS);
        onCreated({ ...field, options: field.options ?? [], sensitive: field.sensitive ?? settings.sensitive });
      },
      (err) => definitionErrors(err, ['object_type', 'key', 'label', 'type', 'options', 'required', 'sensitive'], 'key'),
    );
  };

  return (
    <FormCard titleId="new-field-title" title="Define a custom field" onSubmit={submit} formError={formError} busy={busy} label="Define field" busyLabel="Saving…">
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
        <DefinitionFields type={type} value={settings} onChange={setSettings} errors={errors} optionsHint="One per line." />
      </div>
    </FormCard>
  );
}
