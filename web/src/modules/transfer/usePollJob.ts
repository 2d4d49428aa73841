// Follows one job (GET /imports/{id} or /exports/{id}) every 500 ms until it has finished. The
// answer the start request gave is shown at once; the screen keys the component on the job id,
// so a different job starts afresh. `onFinished` runs when a job followed here ends (so lists can
// refresh), not when a job that had already ended is opened.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { isFinished, pollJob } from './jobs';
import type { TransferJob } from './types';

export interface PolledJob<J> {
  job: J | null;
  /** Why following the job stopped (the job itself may still run on the server). */
  error: unknown;
  /** Following: the job has not finished and no error stopped the loop. */
  polling: boolean;
  retry: () => void;
  /** Replaces the job (with the answer to a revert, say). */
  setJob: (job: J) => void;
}

export function usePollJob<J extends TransferJob>(path: string, initial: J | null, onFinished?: (job: J) => void): PolledJob<J> {
  const [job, setJob] = useState<J | null>(initial);
  const [error, setError] = useState<unknown>(undefined);
  const [polling, setPolling] = useState(true);
  const [attempt, setAttempt] = useState(0);
  const initialRef = useRef(initial);
  const finishedRef = useRef(onFinished);
  finishedRef.current = onFinished;

  useEffect(() => {
    const controller = new AbortController();
    setError(undefined);
    setPolling(true);
    // onFinished is for a job seen to end here, not for opening one that had already ended.
    let sawRunning = initialRef.current !== null && !isFinished(initialRef.current);
    pollJob<J>(
      (signal) => api<J>('GET', path, { signal }),
      (next) => {
        if (!isFinished(next)) sawRunning = true;
        setJob(next);
      },
      { signal: controller.signal },
    )
      .then((finished) => {
        if (controller.signal.aborted) return;
        setPolling(false);
        if (sawRunning) finishedRef.current?.(finished);
      })
      .catch((e) => {
        if (controller.signal.aborted) return;
        setPolling(false);
        setError(e);
      });
    return () => controller.abort();
  }, [path, attempt]);

  const retry = useCallback(() => setAttempt((a) => a + 1), []);
  return { job, error, polling, retry, setJob };
}
