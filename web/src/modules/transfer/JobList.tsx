// Recent imports or exports (mine; administrators see everyone's), newest first, with "Load
// more" paging. Each row opens the job; finished exports link their file.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { api, query, type Page } from '../../api/client';
import { formatDateTime } from '../../ui/format';
import { Empty, ErrorNote, Loading } from '../../ui/States';
import { useResource } from '../../api/useResource';
import { errorText } from '../../ui/errors';
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
  const list = useResource((signal) => api<Page<J>>('GET', `/${kind}${query({ limit: PAGE_SIZE })}`, { signal }), `${kind}:${version}`);
  const [more, setMore] = useState<J[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [moreBusy, setMoreBusy] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(undefined);
  const generation = useRef(0);

  useEffect(() => {
    generation.current += 1;
    setMore([]);
    setCursor(list.data?.next_cursor ?? null);
    setMoreError(undefined);
  }, [list.data]);

  const loadMore = async () => {
    if (!cursor || moreBusy) return;
    const started = generation.current;
    setMoreBusy(true);
    setMoreError(undefined);
    try {
      const page = await api<Page<J>>('GET', `/${kind}${query({ limit: PAGE_SIZE, cursor })}`);
      if (generation.current !== started) return;
      setMore((current) => [...current, ...page.data]);
      setCursor(page.next_cursor);
    } catch (e) {
      if (generation.current === started) setMoreError(e);
    } finally {
      if (generation.current === started) setMoreBusy(false);
    }
  };

  const seen = new Set<string>();
  const jobs = [...(list.data?.data ?? []), ...more].filter((j) => !seen.has(j.id) && seen.add(j.id));
  const titleId = `${kind}-list-title`;

  return (
    <section className="card" aria-labelledby={titleId}>
      <div className="section-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" onClick={list.reload} disabled={list.loading}>
          {list.loading && list.data ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      {list.loading && !list.data && <Loading what={title.toLowerCase()} />}
      {list.error !== undefined && <ErrorNote error={list.error} onRetry={list.reload} />}
      {list.data && jobs.length === 0 && <Empty>{empty}</Empty>}
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
      {cursor && (
        <div className="actions">
          <button type="button" onClick={() => void loadMore()} disabled={moreBusy}>
            {moreBusy ? 'Loading more…' : 'Load more'}
          </button>
          {moreError !== undefined && (
            <span className="notice notice-error" role="alert">
              More could not be loaded: {errorText(moreError)}
            </span>
          )}
        </div>
      )}
    </section>
  );
}
