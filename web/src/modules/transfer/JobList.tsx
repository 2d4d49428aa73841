// Recent imports or exports (mine; administrators see everyone's), newest first, with "Load
// more" paging. Each row opens the job; finished exports link their file.
import type { ReactNode } from 'react';
import { api, query, type Page } from '../../api/client';
import { usePages } from '../../api/usePages';
import { formatDateTime } from '../../ui/format';
import { LoadMore } from '../../ui/LoadMore';
import { Empty, ErrorNote, Loading } from '../../ui/States';
import { StatusBadge } from './JobProgress';
import { objectLabel } from './objects';
import type { TransferJob } from './types';

const PAGE_SIZE = 10;

export function JobList<J extends TransferJob>({
  kind,
  title,
  version,
  selected,
  onOpen,
  describe,
  extra,
  empty,
}: {
  kind: 'imports' | 'exports';
  title: string;
  /** Bumped when a job started or finished: the list is loaded again. */
  version: number;
  selected: string | null;
  onOpen: (job: J) => void;
  /** The summary column (counts, format). */
  describe: (job: J) => ReactNode;
  /** An extra action per row (an export's download link). */
  extra?: (job: J) => ReactNode;
  empty: ReactNode;
}) {
  const list = usePages<J>(
    (cursor, signal) => api<Page<J>>('GET', `/${kind}${query({ limit: PAGE_SIZE, cursor })}`, { signal }),
    `${kind}:${version}`,
  );
  const jobs = list.items;
  const titleId = `${kind}-list-title`;

  return (
    <section className="card" aria-labelledby={titleId}>
      <div className="section-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" onClick={list.reload} disabled={list.loading}>
          {list.loading && list.loaded ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      {list.loading && !list.loaded && <Loading what={title.toLowerCase()} />}
      {list.error !== undefined && <ErrorNote error={list.error} onRetry={list.reload} />}
      {list.loaded && jobs.length === 0 && <Empty>{empty}</Empty>}
      {jobs.length > 0 && (
        <div className="table-wrap">
          <table className="data-table job-table" aria-labelledby={titleId}>
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Records</th>
                <th scope="col">Status</th>
                <th scope="col">Summary</th>
                <th scope="col">Started</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((job) => (
                <tr key={job.id} className={job.id === selected ? 'selected' : undefined} aria-current={job.id === selected ? 'true' : undefined}>
                  <th scope="row" className="job-file">
                    {job.file_name || job.id}
                  </th>
                  <td>{objectLabel(job.object_type)}</td>
                  <td>
                    <StatusBadge status={job.status} />
                  </td>
                  <td>{describe(job)}</td>
                  <td>{formatDateTime(job.created_at)}</td>
                  <td className="job-actions">
                    <button type="button" className="small" onClick={() => onOpen(job)} aria-label={`Show ${kind === 'imports' ? 'import' : 'export'} ${job.file_name || job.id}`}>
                      Show
                    </button>
                    {extra?.(job)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore pages={list} what={title.toLowerCase()} />
    </section>
  );
}
