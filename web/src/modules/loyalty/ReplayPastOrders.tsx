// Settings → Loyalty, "Replay past orders" (docs/design/loyalty.md § Replay): awards the programme's
// points for the orders recorded before it ran, as if it had. The server works through the orders
// a page at a time as a job (POST /loyalty/programmes/{id}/replays); the screen follows the latest
// replay with a progress bar every second until it has finished. An order never earns twice, so a
// second replay is harmless. Starting one needs the loyalty programmes edit level.
import { useEffect, useState } from 'react';
import { api, type Page } from '../../api/client';
import { useApi } from '../../api/useResource';
import { can, useSession } from '../../app/session';
import { ProgressBar } from '../transfer/JobProgress';
import { sleep } from '../transfer/jobs';
import { Field } from '../../ui/Field';
import { FormError } from '../../ui/Notices';
import { placeErrors } from '../../ui/errors';
import { useSubmit } from '../../ui/useSubmit';

export interface LoyaltyReplay {
  id: string;
  programme_id: string;
  since: string | null;
  status: 'running' | 'done';
  total: number;
  done: number;
  progress: number;
  created_at: string;
  finished_at: string | null;
}

const POLL_MS = 1000;

/** Follows a replay until it has finished (the server's answer first, then every second). */
function useFollowedReplay(programme: string, initial: LoyaltyReplay, onFinished: () => void): LoyaltyReplay {
  const [replay, setReplay] = useState(initial);
  useEffect(() => {
    if (initial.status !== 'running') return;
    const controller = new AbortController();
    void (async () => {
      for (;;) {
        try {
          await sleep(POLL_MS, controller.signal);
          const next = await api<LoyaltyReplay>('GET', `/loyalty/programmes/${programme}/replays/${initial.id}`, { signal: controller.signal });
          setReplay(next);
          if (next.status !== 'running') {
            onFinished();
            return;
          }
        } catch {
          if (controller.signal.aborted) return;
        }
      }
    })();
    return () => controller.abort();
    // onFinished is the parent's reload, a new function each render: following restarts only for
    // another replay.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [programme, initial]);
  return replay;
}

function ReplayProgress({ programme, replay: initial, onFinished }: { programme: string; replay: LoyaltyReplay; onFinished: () => void }) {
  const replay = useFollowedReplay(programme, initial, onFinished);
  const running = replay.status === 'running';
  return (
    <div className="job-progress">
      <div className="job-progress-line">
        <ProgressBar value={replay.progress} label="Replay progress" busy={running} />
        <span className="job-progress-figure" aria-hidden="true">
          {replay.progress} %
        </span>
      </div>
      <p className="job-progress-detail" role="status" aria-live="polite">
        <span className={`status status-${replay.status}`}>{running ? 'Replaying' : 'Done'}</span>
        <span className="muted">
          {replay.done.toLocaleString()} of {replay.total.toLocaleString()} orders
          {replay.since ? ` placed since ${replay.since.slice(0, 10)}` : ''}
        </span>
      </p>
    </div>
  );
}

export function ReplayPastOrders({ programme }: { programme: string }) {
  const { me } = useSession();
  const editable = can(me, 'loyalty_programmes', 'edit');
  const replays = useApi<Page<LoyaltyReplay>>(`/loyalty/programmes/${programme}/replays`);
  const [started, setStarted] = useState<LoyaltyReplay | null>(null);
  const [since, setSince] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const { busy, error, submit } = useSubmit(
    async () => {
      setFields({});
      setStarted(await api<LoyaltyReplay>('POST', `/loyalty/programmes/${programme}/replays`, { body: since ? { since } : {} }));
    },
    (err) => {
      const placed = placeErrors(err, (path) => (path === 'since' ? 'since' : null));
      setFields(placed.fields);
      return placed.rest;
    },
  );
  const latest = started ?? replays.data?.data[0] ?? null;
  const finished = () => {
    setStarted(null);
    replays.reload();
  };
  return (
    <section className="card" aria-labelledby="loyalty-replay-title">
      <h2 id="loyalty-replay-title">Replay past orders</h2>
      <p>
        Award points for the orders recorded before the programme ran, by today’s rules, as if it had run then. Refunds take back their
        share and cancelled orders earn nothing. An order never earns twice, so replaying again is harmless.
      </p>
      {latest && <ReplayProgress key={latest.id} programme={programme} replay={latest} onFinished={finished} />}
      {editable && (
        <form onSubmit={(e) => void submit(e)}>
          <FormError message={error} />
          <Field
            label="Only orders placed since (optional)"
            type="date"
            value={since}
            onChange={(e) => setSince(e.target.value)}
            error={fields.since}
          />
          <div className="actions">
            <button type="submit" disabled={busy || latest?.status === 'running'}>
              Replay past orders
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
