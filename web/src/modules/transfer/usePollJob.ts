// Follows one job (GET /imports/{id} or /exports/{id}) every 500 ms until it has finished: a
// useResource whose load is the whole polling loop, so it is aborted like any other load (the
// job changed, the screen went away) and `retry` is its reload. The answer the start request
// gave is shown at once; the screen keys the component on the job id, so a different job starts
// afresh. `onFinished` runs when a job followed here ends (so lists can refresh), not when a job
// that had already ended is opened.
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { api } from '../../api/client';
import { useResource } from '../../api/useResource';
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
  // onFinished is for a job seen to end here, not for opening one that had already ended.
  const sawRunning = useRef(initial !== null && !isFinished(initial));
  const followed = useResource(
    (signal) =>
      pollJob<J>(
        (s) => api<J>('GET', path, { signal: s }),
        (next) => {
          if (!isFinished(next)) sawRunning.current = true;
          setJob(next);
        },
        { signal },
      ),
    path,
  );
  const finished = useEffectEvent((done: J) => {
    if (sawRunning.current) onFinished?.(done);
  });
  useEffect(() => {
    if (followed.data) finished(followed.data);
  }, [followed.data]);
  return { job, error: followed.error, polling: followed.loading, retry: followed.reload, setJob };
}
