// Bulk actions on selected records, changed one by one (the server checks access and versions per
// record): the bar that holds the action's controls, and the running figure — a progress bar, how
// many are done and failed, each failure listed, and a way to close once it has finished.
import { useState, type ReactNode } from 'react';
import { ApiError } from '../api/client';

export interface BulkState {
  done: number;
  failed: string[];
}

/** Runs `change` on each item in turn, counting and naming failures (`why` words an error). */
export function useBulkRun() {
  const [progress, setProgress] = useState<BulkState | null>(null);
  const [running, setRunning] = useState(false);
  const run = async <T,>(items: T[], name: (item: T) => string, change: (item: T) => Promise<void>, why = (e: unknown) => (e instanceof ApiError ? e.message : 'failed')) => {
    setRunning(true);
    const failed: string[] = [];
    let done = 0;
    setProgress({ done, failed });
    for (const item of items) {
      try {
        await change(item);
      } catch (e) {
        failed.push(`${name(item)}: ${why(e)}`);
      }
      done += 1;
      setProgress({ done, failed: [...failed] });
    }
    setRunning(false);
  };
  return { progress, running, run };
}

interface BarProps {
  count: number;
  ready: boolean;
  bulk: ReturnType<typeof useBulkRun>;
  onApply: () => void;
  onDone: () => void;
  /** The action's controls. */
  children: ReactNode;
}

export function BulkBar({ count, ready, bulk, onApply, onDone, children }: BarProps) {
  const { progress, running } = bulk;
  return (
    <div className="bulk-actions" role="region" aria-label="Bulk actions">
      <span>{count} selected:</span>
      {children}
      <button type="button" className="primary" disabled={!ready || running} onClick={onApply}>
        Apply to {count}
      </button>
      {progress && (
        <div className="bulk-progress" role="status" aria-live="polite">
          <progress max={count} value={progress.done} />
          <span>
            {progress.done} of {count} done{progress.failed.length ? `, ${progress.failed.length} failed` : ''}
          </span>
          {!running && (
            <button type="button" onClick={onDone}>
              Close and refresh
            </button>
          )}
          {progress.failed.length > 0 && (
            <ul className="bulk-failures">
              {progress.failed.map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
