// The import form: a file (read in the browser and sent as the request body), what it holds,
// how rows meet existing records, dry run and all-or-nothing. The server answers 202 with the
// job, which the screen then follows; a refused request (bad mapping, no permission) is shown at
// its field.
import { useId, useState, type FormEvent } from 'react';
import { ApiError, query, upload, type FieldErrors } from '../../api/client';
import type { Me } from '../../api/types';
import { SelectField, TextAreaField } from '../../ui/Field';
import { FormError } from '../../ui/Notices';
import { placeErrors } from '../../ui/errors';
import { headerOf } from './csv';
import { formatBytes } from './jobs';
import { MODE_LABELS, importObjectsFor, type ImportMode } from './objects';
import type { ImportJob } from './types';

type Format = 'csv' | 'vcard';

interface Picked {
  file: File;
  format: Format;
  columns: string[];
}

function formatOf(file: File): Format {
  return /\.(vcf|vcard)$/i.test(file.name) || /vcard/i.test(file.type) ? 'vcard' : 'csv';
}

/** A slice of the file as text (Blob.text where there is one, FileReader elsewhere). */
function readText(blob: Blob): Promise<string> {
  if (typeof blob.text === 'function') return blob.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

const FIELD_OF: Record<string, string> = { object: 'object', mode: 'mode', match: 'match', format: 'format', body: 'file', file_name: 'file', delimiter: 'file', atomic: 'atomic', dry_run: 'dry_run' };

export function ImportForm({ me, onStarted }: { me: Me; onStarted: (job: ImportJob) => void }) {
  const objects = importObjectsFor(me);
  const fileId = useId();
  const [picked, setPicked] = useState<Picked | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [object, setObject] = useState(objects[0]?.value ?? 'customers');
  const definition = objects.find((o) => o.value === object) ?? objects[0];
  const [mode, setMode] = useState<ImportMode>('create');
  const [match, setMatch] = useState(definition?.matches[0]?.value ?? '');
  const [dryRun, setDryRun] = useState(true);
  const [atomic, setAtomic] = useState(false);
  const [mapping, setMapping] = useState('');
  const [showMapping, setShowMapping] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!definition) return null;

  const chooseObject = (value: string) => {
    const next = objects.find((o) => o.value === value);
    if (!next) return;
    setObject(value);
    if (!next.modes.includes(mode)) setMode(next.modes[0]);
    if (!next.matches.some((m) => m.value === match)) setMatch(next.matches[0]?.value ?? '');
    setErrors({});
  };

  const pick = async (file: File | undefined) => {
    setErrors({});
    setFormError(null);
    setReadError(null);
    if (!file) {
      setPicked(null);
      return;
    }
    const format = formatOf(file);
    let columns: string[] = [];
    if (format === 'csv') {
      try {
        columns = headerOf(await readText(file.slice(0, 64 * 1024)));
      } catch {
        setReadError('The file could not be read. Choose it again.');
      }
    }
    setPicked({ file, format, columns });
    if (format === 'vcard' && !definition.vcard) chooseObject('customers');
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const problems: FieldErrors = {};
    if (!picked) problems.file = 'Choose a CSV or vCard file to import.';
    else if (picked.file.size === 0) problems.file = 'The file is empty.';
    if (picked?.format === 'vcard' && !definition.vcard) problems.object = 'A vCard file holds customers.';
    let mappingParam: string | undefined;
    if (mapping.trim()) {
      try {
        mappingParam = JSON.stringify(JSON.parse(mapping));
      } catch {
        problems.mapping = 'is not valid JSON';
      }
    }
    setErrors(problems);
    setFormError(Object.keys(problems).length ? 'Some fields need attention.' : null);
    if (Object.keys(problems).length || !picked) return;

    setBusy(true);
    try {
      const path = `/imports${query({
        object,
        mode,
        match: definition.matches.length ? match : undefined,
        dry_run: dryRun ? 'true' : undefined,
        atomic: atomic ? 'true' : undefined,
        format: picked.format,
        file_name: picked.file.name,
        mapping: mappingParam,
      })}`;
      const job = await upload<ImportJob>('POST', path, picked.file, picked.format === 'vcard' ? 'text/vcard' : 'text/csv');
      onStarted(job);
    } catch (err) {
      if (err instanceof ApiError && err.status === 413) {
        setErrors({ file: 'The file is larger than the server accepts. Split it into smaller files.' });
        setFormError('Some fields need attention.');
      } else {
        const placed = placeErrors(err, (p) => FIELD_OF[p] ?? (p === 'mapping' || p.startsWith('mapping.') ? 'mapping' : null));
        setErrors(placed.fields);
        setFormError(placed.rest);
      }
    } finally {
      setBusy(false);
    }
  };

  const fileHint = picked ? (
    <>
      {picked.file.name}, {formatBytes(picked.file.size)}, {picked.format === 'vcard' ? 'vCard' : 'CSV'}
      {picked.columns.length > 0 && <> — columns: {picked.columns.join(', ')}</>}
    </>
  ) : (
    'CSV (comma, semicolon or tab separated, UTF-8) or vCard (.vcf). The first line of a CSV names the columns.'
  );

  return (
    <form onSubmit={submit} noValidate aria-labelledby="import-form-title" className="import-form">
      <FormError message={formError} />
      <div className={errors.file ? 'field field-invalid' : 'field'}>
        <label htmlFor={fileId}>File</label>
        <input
          id={fileId}
          type="file"
          accept=".csv,.tsv,.txt,.vcf,.vcard,text/csv,text/vcard,text/plain"
          aria-invalid={errors.file ? true : undefined}
          aria-describedby={`${fileId}-hint${errors.file ? ` ${fileId}-error` : ''}`}
          onChange={(e) => void pick(e.target.files?.[0])}
        />
        <span className="field-hint" id={`${fileId}-hint`}>
          {fileHint}
        </span>
        {(errors.file || readError) && (
          <span className="field-error" id={`${fileId}-error`} role="alert">
            {errors.file ?? readError}
          </span>
        )}
      </div>
      <div className="form-grid">
        <SelectField
          label="Records in the file"
          value={object}
          onChange={(e) => chooseObject(e.target.value)}
          options={objects.map((o) => ({ value: o.value, label: o.label }))}
          error={errors.object ?? errors.format}
        />
        <SelectField
          label="Mode"
          value={mode}
          onChange={(e) => setMode(e.target.value as ImportMode)}
          options={definition.modes.map((m) => ({ value: m, label: MODE_LABELS[m] }))}
          error={errors.mode}
          disabled={definition.modes.length === 1}
        />
        {definition.matches.length > 0 && (
          <SelectField
            label="Match existing records by"
            value={match}
            onChange={(e) => setMatch(e.target.value)}
            options={definition.matches}
            error={errors.match}
            disabled={definition.matches.length === 1}
          />
        )}
      </div>
      <p className="field-hint">Recognised columns: {definition.columns} (and their usual aliases).</p>
      <fieldset className="field checkbox-group">
        <legend>Options</legend>
        <label className="checkbox">
          <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} /> Dry run: check every row, change nothing
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={atomic} onChange={(e) => setAtomic(e.target.checked)} /> All or nothing: if any row is refused, import none
        </label>
      </fieldset>
      <details className="advanced" open={showMapping || Boolean(errors.mapping)} onToggle={(e) => setShowMapping(e.currentTarget.open)}>
        <summary>Column mapping (optional)</summary>
        <TextAreaField
          label="Mapping document (JSON)"
          className="code"
          rows={5}
          value={mapping}
          onChange={(e) => setMapping(e.target.value)}
          error={errors.mapping}
          spellCheck={false}
          hint="Columns named here go where it says; the others are matched by name. Leave empty for the automatic mapping."
        />
      </details>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? `Uploading${picked ? ` ${formatBytes(picked.file.size)}` : ''}…` : dryRun ? 'Start dry run' : 'Start import'}
        </button>
        {busy && (
          <span className="muted" role="status">
            Sending the file…
          </span>
        )}
      </div>
    </form>
  );
}
