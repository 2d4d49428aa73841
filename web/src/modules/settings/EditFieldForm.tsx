// Editing one custom field definition (administrators): label, options, required and sensitive,
// under If-Match. Type and key are fixed. Removing an option records still hold is refused by the
// server (409), which names the options and how many records hold each.
import { useState, type FormEvent } from 'react';
import { api, ApiError, type FieldErrors } from '../../api/client';
import type { CustomField } from '../../api/types';
import { Field, TextAreaField } from '../../ui/Field';
import { FormError, StaleNotice } from '../../ui/Notices';
import { byRoot, placeErrors } from '../../ui/errors';
import { useFormSubmit } from '../../ui/useFormSubmit';

interface EditFieldProps {
  field: CustomField;
  /** True while the list reloads after a 412. */
  reloading: boolean;
  onReload: () => void;
  /** The saved definition, or null when the edit was cancelled. */
  onDone: (updated: CustomField | null) => void;
}

export function EditFieldForm({ field, reloading, onReload, onDone }: EditFieldProps) {
  const [label, setLabel] = useState(field.label);
  const [settings, setSettings] = useState<DefinitionSettings>({
    options: field.options.join('\n'),
    required: field.required,
    sensitive: field.sensitive,
  });
  const { errors, formError, busy, check, send } = useFormSubmit();
  const [stale, setStale] = useState(false);
  const cancel = () => onDone(null);
  const titleId = `edit-field-${field.object_type}-${field.key}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const problems = checkDefinition(label, field.type, settings);
    if (!check(problems)) return;
    await send(
      async () => {
        const path = `/custom-fields/${encodeURIComponent(field.object_type)}/${encodeURIComponent(field.key)}`;
        const updated = await api<CustomField>('PATCH', path, {
          body: { label: label.trim(), ...settingsBody(field.type, settings) },
          ifMatch: field.version,
        });
        onDone(updated);
      },
      (err) => {
        if (err instanceof ApiError && err.status === 412) {
          setStale(true);
          return null;
        }
        return definitionErrors(err, ['label', 'options', 'required', 'sensitive'], 'options');
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby={titleId} className="card">
      <h3 id={titleId}>
        Edit the {field.object_type} field <code>{field.key}</code>
      </h3>
      {stale && <StaleNotice what="This field" onReload={onReload} busy={reloading} />}
      <FormError message={formError} />
      <div className="form-grid">
        <Field label="Label" value={label} onChange={(e) => setLabel(e.target.value)} error={errors.label} required />
        <DefinitionFields
          type={field.type}
          value={settings}
          onChange={setSettings}
          errors={errors}
          optionsHint="One per line. An option records still hold cannot be removed: change those records first."
        />
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
          {busy ? 'Saving…' : 'Save field'}
        </button>
        <button type="button" onClick={cancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export interface DefinitionSettings {
  /** One option per line, as typed. */
  options: string;
  required: boolean;
  sensitive: boolean;
}

/** The settings a definition shares between defining and editing: options, required, sensitive. */
export function DefinitionFields({
  type,
  value,
  onChange,
  errors,
  optionsHint,
}: {
  type: CustomField['type'];
  value: DefinitionSettings;
  onChange: (value: DefinitionSettings) => void;
  errors: FieldErrors;
  optionsHint: string;
}) {
  return (
    <>
      {type === 'select' && (
        <TextAreaField
          label="Options"
          value={value.options}
          onChange={(e) => onChange({ ...value, options: e.target.value })}
          error={errors.options}
          rows={5}
          required
          hint={optionsHint}
        />
      )}
      <Field
        label="Required"
        type="checkbox"
        checked={value.required}
        onChange={(e) => onChange({ ...value, required: e.target.checked })}
        error={errors.required}
        hint="New records must have a value; existing records stay editable without one."
      />
      <Field
        label="Sensitive"
        type="checkbox"
        checked={value.sensitive}
        onChange={(e) => onChange({ ...value, sensitive: e.target.checked })}
        error={errors.sensitive}
        hint="Hidden from roles that may not see sensitive data (such as support, marketing and viewer)."
      />
    </>
  );
}

/** The distinct, trimmed options of a textarea with one option per line. */
function optionsOf(text: string): string[] {
  return [...new Set(text.split('\n').map((o) => o.trim()).filter(Boolean))];
}

/** Client-side checks of a label and settings, mirroring the server's. */
export function checkDefinition(label: string, type: CustomField['type'], settings: DefinitionSettings): FieldErrors {
  const problems: FieldErrors = {};
  if (!label.trim()) problems.label = 'is required';
  const count = optionsOf(settings.options).length;
  if (type === 'select' && (count < 1 || count > 500)) problems.options = 'give between 1 and 500 options, one per line';
  return problems;
}

/** The settings as the API takes them. */
export function settingsBody(type: CustomField['type'], settings: DefinitionSettings) {
  return {
    ...(type === 'select' ? { options: optionsOf(settings.options) } : {}),
    required: settings.required,
    sensitive: settings.sensitive,
  };
}

/** A server error placed at the form's fields (`roots`); a 409 without a field goes to `conflictField`. */
export function definitionErrors(err: unknown, roots: string[], conflictField: string) {
  const placed = placeErrors(err, byRoot(roots));
  if (err instanceof ApiError && err.status === 409 && Object.keys(placed.fields).length === 0) {
    placed.fields[conflictField] = err.message;
    placed.rest = 'Some fields need attention.';
  }
  return placed;
}
