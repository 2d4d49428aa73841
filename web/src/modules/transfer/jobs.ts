// Following an import or export job: its progress figure, whether it has finished, and the
// polling loop (every 500 ms until the job ends; network trouble is retried with a growing
// pause, a refusal ends the loop at once). Pure apart from the timer; unit-tested.
import { ApiError } from '../../api/client';
import type { JobStatus, TransferJob } from './types';

export const POLL_INTERVAL_MS = 500;
const MAX_RETRY_DELAY_MS = 8000;

const FINISHED: ReadonlySet<string> = new Set<JobStatus>(['completed', 'failed', 'interrupted', 'reverted', 'expired']);

export function isFinished(job: Pick<TransferJob, 'status'>): boolean {
  return FINISHED.has(job.status);
}

/**
 * The job's progress as a whole percent, 0..100: the served figure (a completed job is at 100).
 * A server that serves a fraction (0..1) instead is recognised by the bytes done disagreeing
 * with it, and the bytes decide.
 */
export function progressOf(job: Pick<TransferJob, 'status' | 'progress' | 'done_bytes' | 'total_bytes'>): number {
  if (job.status === 'completed' || job.status === 'reverted') return 100;
  const byBytes = job.total_bytes > 0 ? (job.done_bytes * 100) / job.total_bytes : null;
  let value = Number(job.progress);
  if (!Number.isFinite(value) || (byBytes !== null && value <= 1 && byBytes > 1)) value = byBytes ?? 0;
  return Math.min(100, Math.max(0, Math.floor(value)));
}

export const STATUS_LABELS: Record<JobStatus, string> = {
  queued: 'Waiting to start',
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
  interrupted: 'Interrupted',
  reverted: 'Reverted',
  expired: 'Expired (file deleted)',
};

export function statusLabel(status: string): string {
  return STATUS_LABELS[status as JobStatus] ?? status;
}

/** Bytes for people: 950 B, 12.4 kB, 3.1 MB. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** A pause that ends early, with an AbortError, when the signal aborts. */
export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException('Aborted', 'AbortError'));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new DOMException('Aborted', 'AbortError'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export interface PollOptions {
  interval?: number;
  signal?: AbortSignal;
  sleep?: Sleep;
  /** Consecutive failed loads (network, 5xx, 429) before giving up. */
  maxFailures?: number;
}

/** Whether a failed load is worth retrying: the network, a busy or failing server. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500;
}

/** The pause before the n-th retry (1-based): Retry-After when the server gave one, else doubling. */
export function retryDelay(failures: number, interval: number, error: unknown): number {
  if (error instanceof ApiError && error.retryAfter) return error.retryAfter * 1000;
  return Math.min(MAX_RETRY_DELAY_MS, interval * 2 ** failures);
}

/**
 * Loads the job until it has finished, reporting each answer to `onUpdate`; resolves with the
 * finished job. Rejects with the load's error when it is not transient (403, 404, …) or after
 * `maxFailures` transient ones in a row, and with an AbortError when the signal aborts.
 */
export async function pollJob<J extends Pick<TransferJob, 'status'>>(
  load: (signal?: AbortSignal) => Promise<J>,
  onUpdate: (job: J) => void,
  { interval = POLL_INTERVAL_MS, signal, sleep: pause = sleep, maxFailures = 5 }: PollOptions = {},
): Promise<J> {
  let failures = 0;
  for (;;) {
    let job: J;
    try {
      job = await load(signal);
    } catch (e) {
      if (signal?.aborted || (e as Error)?.name === 'AbortError') throw e;
      failures += 1;
      if (!isTransient(e) || failures >= maxFailures) throw e;
      await pause(retryDelay(failures, interval, e), signal);
      continue;
    }
    failures = 0;
    if (signal?.aborted) throw new DOMException('Aborted', 'AbortError');
    onUpdate(job);
    if (isFinished(job)) return job;
    await pause(interval, signal);
  }
}
