// A job's progress bar, status and live counts, shared by imports and exports. The bar is a
// role=progressbar (aria-valuenow in percent); its width is set through the CSSOM, which the
// Content-Security-Policy allows (no style attribute in markup).
import type { ReactNode } from 'react';
import { formatBytes, progressOf, statusLabel } from './jobs';
import type { TransferJob } from './types';

export function ProgressBar({ value, label, busy }: { value: number; label: string; busy?: boolean }) {
  return (
    <div
      className={busy ? 'progress progress-busy' : 'progress'}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value}
      aria-valuetext={`${value}%`}
    >
      <span className="progress-fill" style={{ width: `${value}%` }} />
    </div>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`status status-${status}`}>{statusLabel(status)}</span>;
}

/**
 * The bar with its figure, status and how far it got: an import counts the bytes of its file
 * read, an export the records written (its total_bytes and done_bytes count records).
 */
export function JobProgress({ job, label }: { job: TransferJob; label: string }) {
  const value = progressOf(job);
  const running = job.status === 'queued' || job.status === 'running';
  return (
    <div className="job-progress">
      <div className="job-progress-line">
        <ProgressBar value={value} label={label} busy={running} />
        <span className="job-progress-figure" aria-hidden="true">
          {value} %
        </span>
      </div>
      <p className="job-progress-detail">
        <StatusBadge status={job.status} />
        {job.total_bytes > 0 && (
          <span className="muted">
            {job.kind === 'export'
              ? `${job.done_bytes.toLocaleString()} of ${job.total_bytes.toLocaleString()} records`
              : `${formatBytes(job.done_bytes)} of ${formatBytes(job.total_bytes)}`}
          </span>
        )}
        {job.status === 'queued' && <span className="muted">Another job is running; this one starts when it ends.</span>}
      </p>
    </div>
  );
}

export function Counts({ items }: { items: { label: string; value: ReactNode; tone?: 'bad' | 'good' }[] }) {
  return (
    <dl className="job-counts">
      {items.map((item) => (
        <div key={item.label} className={item.tone ? `count-${item.tone}` : undefined}>
          <dt>{item.label}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
