// One import, followed live: the progress bar and counts while it runs (polled every 500 ms),
// then the summary, the error report and — for an import that changed data — Revert.
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { formatDateTime } from '../../ui/format';
import { ErrorNote } from '../../ui/States';
import { ConfirmDialog } from './ConfirmDialog';
import { ErrorReport } from './ErrorReport';
import { Counts, JobProgress } from './JobProgress';
import { isFinished, statusLabel } from './jobs';
import { MODE_LABELS, objectLabel } from './objects';
import type { ImportJob } from './types';
import { usePollJob } from './usePollJob';

/** Whether reverting can remove anything: a real (not dry, not refused-atomic) run that created records. */
export function mayRevert(job: ImportJob): boolean {
  if (job.options.dry_run) return false;
  if (job.status !== 'completed' && job.status !== 'interrupted') return false;
  if (job.options.atomic && job.failed > 0) return false; // nothing was committed
  return job.created > 0;
}

export function ImportJobPanel({
  id,
  initial,
  onChanged,
  onClose,
  focusOnMount,
}: {
  id: string;
  initial: ImportJob | null;
  /** The job finished or was reverted: the list of recent imports is out of date. */
  onChanged: () => void;
  onClose: () => void;
  focusOnMount?: boolean;
}) {
  const { job, error, retry, setJob } = usePollJob<ImportJob>(`/imports/${encodeURIComponent(id)}`, initial, onChanged);
  const [confirming, setConfirming] = useState(false);
  const [reverted, setReverted] = useState<ImportJob['reverted'] | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const revertButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (focusOnMount) heading.current?.focus();
  }, [focusOnMount]);

  const revert = async () => {
    const answer = await api<ImportJob>('POST', `/imports/${encodeURIComponent(id)}/revert`);
    setReverted(answer.reverted ?? null);
    setJob(answer);
    onChanged();
  };

  const titleId = `import-${id}-title`;
  const dry = Boolean(job?.options.dry_run);
  const finished = job ? isFinished(job) : false;
  return (
    <section className="card job-panel" aria-labelledby={titleId}>
      <div className="section-header">
        <h2 id={titleId} ref={heading} tabIndex={-1}>
          {dry ? 'Dry run' : 'Import'}: {job?.file_name || id}
        </h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {job && (
        <p className="muted job-options">
          {objectLabel(job.object_type)} · {MODE_LABELS[job.options.mode ?? 'create'] ?? job.options.mode}
          {job.options.match ? ` · matched by ${job.options.match}` : ''}
          {job.options.atomic ? ' · all or nothing' : ''}
          {dry ? ' · dry run (nothing is changed)' : ''} · started {formatDateTime(job.created_at)}
        </p>
      )}
      {/* Announce status changes, not every percent. */}
      <p className="visually-hidden" role="status" aria-live="polite">
        {job ? `${dry ? 'Dry run' : 'Import'} ${statusLabel(job.status).toLowerCase()}.${finished && job.message ? ` ${job.message}` : ''}` : ''}
      </p>
      {!job && !error && <p className="state state-loading">Loading the import…</p>}
      {job && (
        <>
          <JobProgress job={job} label={`${dry ? 'Dry run' : 'Import'} progress`} />
          <Counts
            items={[
              { label: 'Rows read', value: job.rows },
              { label: dry ? 'Would create' : 'Created', value: job.created, tone: job.created ? 'good' : undefined },
              { label: dry ? 'Would update' : 'Updated', value: job.updated },
              { label: 'Unchanged', value: job.unchanged },
              { label: 'Refused', value: job.failed, tone: job.failed ? 'bad' : undefined },
            ]}
          />
        </>
      )}
      {error !== undefined && (
        <div>
          <ErrorNote error={error} onRetry={retry} />
          <p className="muted">The import may still be running on the server; try again to follow it.</p>
        </div>
      )}
      {job && finished && (
        <div className={job.status === 'completed' || job.status === 'reverted' ? 'notice' : 'notice notice-error'}>
          <p>
            <strong>{statusLabel(job.status)}.</strong> {job.message ?? ''}
            {job.status === 'reverted' && job.reverted_at && ` Reverted ${formatDateTime(job.reverted_at)}.`}
          </p>
        </div>
      )}
      {job && dry && job.status === 'completed' && (
        <p className="muted">Nothing was changed. To import the file, untick “Dry run” in the form above and start the import.</p>
      )}
      {reverted && (
        <p className="notice" role="status">
          Reverted: {reverted.removed} removed
          {reverted.kept ? `, ${reverted.kept} kept because they were changed after the import` : ''}
          {reverted.missing ? `, ${reverted.missing} already gone` : ''}.
        </p>
      )}
      {job && finished && mayRevert(job) && (
        <div className="actions">
          <button type="button" ref={revertButton} className="danger" onClick={() => setConfirming(true)}>
            Revert import
          </button>
          <span className="muted">Removes the {job.created} records this import created.</span>
        </div>
      )}
      {job && finished && (job.error_count ?? job.failed) > 0 && <ErrorReport jobId={job.id} count={job.error_count ?? job.failed} />}
      {confirming && job && (
        <ConfirmDialog
          title="Revert this import?"
          confirmLabel="Revert import"
          busyLabel="Reverting…"
          onConfirm={revert}
          onClose={() => {
            setConfirming(false);
            window.setTimeout(() => (revertButton.current ?? heading.current)?.focus(), 0);
          }}
        >
          <p>
            The {job.created} {objectLabel(job.object_type).toLowerCase()} created by “{job.file_name || job.id}” will be deleted. Records
            someone changed since the import are kept. Records it updated keep their new values.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
