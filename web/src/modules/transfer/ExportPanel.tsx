// Exports: choose the records and a format, start the job (POST /exports → 202), follow its
// progress, then download the file. Recent exports keep their download links. When the server
// has no export endpoints the section says so instead of failing.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError, query, type Page } from '../../api/client';
import type { Me } from '../../api/types';
import { Field, SelectField } from '../../ui/Field';
import { FormActions } from '../../ui/FormActions';
import { ErrorNote, Loading } from '../../ui/States';
import { useApi } from '../../api/useResource';
import { FormError } from '../../ui/Notices';
import { placeErrors } from '../../ui/errors';
import { useFormSubmit } from '../../ui/useFormSubmit';
import { Counts, JobProgress } from './JobProgress';
import { isFinished, statusLabel } from './jobs';
import { JobList } from './JobList';
import { exportObjectsFor, objectLabel } from './objects';
import type { ExportJob } from './types';
import { usePollJob } from './usePollJob';

export function exportFileUrl(job: Pick<ExportJob, 'id'>): string {
  return `/api/v1/exports/${encodeURIComponent(job.id)}/file`;
}

function formatOf(job: ExportJob): string {
  return String(job.options?.format ?? 'csv');
}

function downloadName(job: ExportJob): string {
  if (job.file_name) return job.file_name;
  const extension = { csv: 'csv', ndjson: 'ndjson', vcard: 'vcf' }[formatOf(job)] ?? 'txt';
  return `${job.object_type}-${job.id}.${extension}`;
}

export function ExportSection({ me }: { me: Me }) {
  const probe = useApi<Page<ExportJob>>(`/exports${query({ limit: 1 })}`);
  const [current, setCurrent] = useState<{ id: string; job: ExportJob | null; focus: boolean } | null>(null);
  const [version, setVersion] = useState(0);
  const unavailable = probe.error instanceof ApiError && (probe.error.status === 404 || probe.error.status === 405);

  return (
    <>
      <section className="card" aria-labelledby="export-title">
        <h2 id="export-title">Export</h2>
        {probe.loading && !probe.data && <Loading what="exports" />}
        {unavailable && <p className="notice">Exports are not available on this server yet.</p>}
        {probe.error !== undefined && !unavailable && <ErrorNote error={probe.error} onRetry={probe.reload} />}
        {probe.data && (
          <ExportForm
            me={me}
            onStarted={(job) => {
              setCurrent({ id: job.id, job, focus: true });
              setVersion((v) => v + 1);
            }}
          />
        )}
      </section>
      {current && (
        <ExportJobPanel
          key={current.id}
          id={current.id}
          initial={current.job}
          focusOnMount={current.focus}
          onChanged={() => setVersion((v) => v + 1)}
          onClose={() => setCurrent(null)}
        />
      )}
      {probe.data && (
        <JobList<ExportJob>
          kind="exports"
          title="Recent exports"
          version={version}
          selected={current?.id ?? null}
          onOpen={(job) => setCurrent({ id: job.id, job, focus: true })}
          describe={(job) => `${formatOf(job).toUpperCase()}${job.status === 'completed' ? `, ${job.rows} records` : ''}`}
          extra={(job) =>
            job.status === 'completed' ? (
              <a className="button small" href={exportFileUrl(job)} download={downloadName(job)} aria-label={`Download export ${downloadName(job)}`}>
                Download
              </a>
            ) : null
          }
          empty="No exports yet."
        />
      )}
    </>
  );
}

function ExportForm({ me, onStarted }: { me: Me; onStarted: (job: ExportJob) => void }) {
  const objects = exportObjectsFor(me);
  const [object, setObject] = useState(objects[0]?.value ?? 'customers');
  const definition = objects.find((o) => o.value === object) ?? objects[0];
  const [format, setFormat] = useState('csv');
  const [q, setQ] = useState('');
  const { errors, formError, busy, send } = useFormSubmit();

  if (!definition) return <p className="muted">Your role may not export records.</p>;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    await send(
      async () => {
        const job = await api<ExportJob>('POST', '/exports', { body: { object, format, ...(definition.search && q.trim() ? { q: q.trim() } : {}) } });
        onStarted(job);
      },
      (err) => placeErrors(err, (p) => (['object', 'format', 'q'].includes(p) ? p : p.startsWith('filter') ? 'q' : null)),
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="export-title">
      <FormError message={formError} />
      <div className="form-grid">
        <SelectField
          label="Records to export"
          value={object}
          onChange={(e) => {
            const next = objects.find((o) => o.value === e.target.value);
            setObject(e.target.value);
            if (next && !next.formats.some((f) => f.value === format)) setFormat('csv');
            if (next && !next.search) setQ('');
          }}
          options={objects.map((o) => ({ value: o.value, label: o.label }))}
          error={errors.object}
        />
        <SelectField label="Format" value={format} onChange={(e) => setFormat(e.target.value)} options={definition.formats} error={errors.format} />
        {definition.search && (
          <Field
            label="Only those matching (optional)"
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            error={errors.q}
            autoComplete="off"
            hint="A search, as in the list. Leave empty for all you may see."
          />
        )}
      </div>
      <FormActions busy={busy} label="Start export" busyLabel="Starting…" />
    </form>
  );
}

function ExportJobPanel({
  id,
  initial,
  focusOnMount,
  onChanged,
  onClose,
}: {
  id: string;
  initial: ExportJob | null;
  focusOnMount: boolean;
  onChanged: () => void;
  onClose: () => void;
}) {
  const { job, error, retry } = usePollJob<ExportJob>(`/exports/${encodeURIComponent(id)}`, initial, onChanged);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnMount) heading.current?.focus();
  }, [focusOnMount]);
  const titleId = `export-${id}-title`;
  const finished = job ? isFinished(job) : false;
  return (
    <section className="card job-panel" aria-labelledby={titleId}>
      <div className="section-header">
        <h2 id={titleId} ref={heading} tabIndex={-1}>
          Export: {job ? `${objectLabel(job.object_type)} as ${formatOf(job).toUpperCase()}` : id}
        </h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {job ? `Export ${statusLabel(job.status).toLowerCase()}.` : ''}
      </p>
      {!job && !error && <p className="state state-loading">Loading the export…</p>}
      {job && (
        <>
          <JobProgress job={job} label="Export progress" />
          <Counts items={[{ label: 'Records written', value: job.rows }]} />
        </>
      )}
      {error !== undefined && <ErrorNote error={error} onRetry={retry} />}
      {job && finished && job.status !== 'completed' && (
        <p className="notice notice-error">
          <strong>{statusLabel(job.status)}.</strong> {job.message ?? ''}
        </p>
      )}
      {job && job.status === 'completed' && (
        <div className="notice">
          <p>
            <strong>Ready.</strong> {job.message ?? `${job.rows} records exported.`}
          </p>
          <a className="button primary" href={exportFileUrl(job)} download={downloadName(job)}>
            Download {downloadName(job)}
          </a>
        </div>
      )}
    </section>
  );
}
