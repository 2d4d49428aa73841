// Sending a survey by e-mail to every customer a filter selects: the form the customers list
// opens with its current filter, a send's progress (a bar and what became of each ask: sent,
// throttled by the contact budget, no consent, no address, skipped as already invited), and a
// survey's list of sends. The server works a send through in batches (docs/design/surveys.md
// § Sending to a filter); the screen follows it every second until it has finished.
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { useApi } from '../../api/useResource';
import { Link } from '../../app/router';
import { Counts, ProgressBar } from '../transfer/JobProgress';
import { sleep } from '../transfer/jobs';
import { Empty, ErrorNote } from '../../ui/States';
import { useSubmit } from '../../ui/useSubmit';
import type { Survey, SurveySend } from './types';

const POLL_MS = 1000;
const STATUS_WORDS: Record<SurveySend['status'], string> = { running: 'Sending', done: 'Done', failed: 'Failed', cancelled: 'Cancelled' };

/** Follows a send until it has finished (the server's answer first, then every second). */
function useFollowedSend(surveyId: string, initial: SurveySend): SurveySend {
  const [send, setSend] = useState(initial);
  useEffect(() => {
    if (initial.status !== 'running') return;
    const controller = new AbortController();
    void (async () => {
      for (;;) {
        try {
          await sleep(POLL_MS, controller.signal);
          const next = await api<SurveySend>('GET', `/surveys/${surveyId}/sends/${initial.id}`, { signal: controller.signal });
          setSend(next);
          if (next.status !== 'running') return;
        } catch {
          if (controller.signal.aborted) return;
        }
      }
    })();
    return () => controller.abort();
  }, [surveyId, initial]);
  return send;
}

export function SendProgress({ surveyId, send: initial }: { surveyId: string; send: SurveySend }) {
  const send = useFollowedSend(surveyId, initial);
  const percent = send.progress;
  return (
    <div className="job-progress">
      <div className="job-progress-line">
        <ProgressBar value={percent} label="Send progress" busy={send.status === 'running'} />
        <span className="job-progress-figure" aria-hidden="true">
          {percent} %
        </span>
      </div>
      <p className="job-progress-detail" role="status" aria-live="polite">
        <span className={`status status-${send.status}`}>{STATUS_WORDS[send.status]}</span>
        <span className="muted">
          {send.processed.toLocaleString()} of {send.total.toLocaleString()} customers
        </span>
        {send.error && <span className="muted">{send.error}</span>}
      </p>
      <Counts
        items={[
          { label: 'Sent', value: send.sent, tone: 'good' },
          { label: 'Asked recently (contact budget)', value: send.throttled },
          { label: 'No marketing consent', value: send.no_consent },
          { label: 'No e-mail address', value: send.no_email, tone: send.no_email > 0 ? 'bad' : undefined },
          { label: 'Already invited', value: send.skipped },
        ]}
      />
    </div>
  );
}

/** The form the customers list opens: send an active survey to the customers `filter` selects. */
export function SendSurveyForm({ filter, searchText, onClose }: { filter: unknown; searchText: string; onClose: () => void }) {
  const surveys = useApi<{ data: Survey[] }>('/surveys');
  const active = (surveys.data?.data ?? []).filter((s) => s.status === 'active');
  const [surveyId, setSurveyId] = useState('');
  const [language, setLanguage] = useState('');
  const [started, setStarted] = useState<SurveySend | null>(null);
  const chosen = surveyId || active[0]?.id || '';
  const { busy, error, submit } = useSubmit(
    async () => {
      const body: Record<string, unknown> = { filter: filter ?? {} };
      if (language) body.language = language;
      setStarted(await api<SurveySend>('POST', `/surveys/${chosen}/sends`, { body }));
    },
    (err) => err,
  );
  return (
    <form className="card send-survey" onSubmit={submit} aria-labelledby="send-survey-title">
      <h2 id="send-survey-title">Send a survey to these customers</h2>
      <p className="muted">
        {filter ? 'Everyone the filters select' : 'Every customer'} you may see gets the survey by e-mail. Marketing surveys reach only
        customers who consented, and nobody is asked more often than the contact budget allows; each ask is recorded.
        {searchText && ' The search text is not part of a send: use the filters to narrow it.'}
      </p>
      {surveys.error !== undefined && <ErrorNote error={surveys.error} />}
      {surveys.data && active.length === 0 && (
        <Empty>
          No active survey. <Link to="/surveys">Define one first.</Link>
        </Empty>
      )}
      {active.length > 0 && !started && (
        <>
          <label>
            Survey{' '}
            <select value={chosen} onChange={(e) => setSurveyId(e.target.value)}>
              {active.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Language{' '}
            <select value={language} onChange={(e) => setLanguage(e.target.value)}>
              <option value="">Each customer’s own</option>
              <option value="en">English</option>
              <option value="de">German</option>
            </select>
          </label>
          <button type="submit" className="primary" disabled={busy || !chosen}>
            Send by e-mail
          </button>
        </>
      )}
      {error !== null && <ErrorNote error={error} />}
      {started && <SendProgress surveyId={started.survey_id} send={started} />}
      <button type="button" onClick={onClose}>
        Close
      </button>
    </form>
  );
}

/** A survey's sends, newest first, each with its progress. */
export function SurveySendsList({ surveyId }: { surveyId: string }) {
  const sends = useApi<{ data: SurveySend[] }>(`/surveys/${surveyId}/sends`);
  return (
    <section aria-labelledby="sends-title">
      <h2 id="sends-title">Sends by e-mail</h2>
      <p className="muted">
        To send this survey to many customers, filter the <Link to="/customers">customers list</Link> and choose “Send survey”.
      </p>
      {sends.error !== undefined && <ErrorNote error={sends.error} />}
      {sends.data && sends.data.data.length === 0 && <Empty>Not sent to a filter yet.</Empty>}
      {sends.data?.data.map((send) => (
        <div key={send.id} className="card">
          <p>Started {new Date(send.created_at).toLocaleString()}</p>
          <SendProgress surveyId={surveyId} send={send} />
        </div>
      ))}
    </section>
  );
}
