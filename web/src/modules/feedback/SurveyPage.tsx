// One survey (/surveys/:id): its results — the headline figure (NPS with its 95 % interval, or
// the average), response rate, the trend by day and a breakdown as charts — inviting one
// customer by e-mail or by a link (shown once: only its hash is kept), its sends to a filter with
// their progress, the trigger that sends it by itself, and the answers with their comments and
// sentiment, searchable. The results follow a customer filter built as on the customers list
// (FilterBuilder, ?filter=): the figures, the trend and the breakdown are of those customers.
import { useMemo, useState } from 'react';
import { ApiError, api, query } from '../../api/client';
import { useCustomFields } from '../../app/customFields';
import { useApi } from '../../api/useResource';
import { Link } from '../../app/router';
import { BarChart } from '../../ui/BarChart';
import { DayChart } from '../../ui/DayChart';
import { Empty, ErrorNote, Loading } from '../../ui/States';
import { useSubmit } from '../../ui/useSubmit';
import { FilterBuilder } from '../customers/FilterBuilder';
import { buildFilter, defaultView, filterKinds, type ListView } from '../customers/listQuery';
import { QuestionEditor } from './QuestionEditor';
import { fromDraft, placeQuestionErrors, toDraft, type DraftQuestion } from './questionDrafts';
import { SurveySendsList } from './SurveySends';
import { TriggerForm } from './TriggerForm';
import { BREAKDOWNS, KIND_NAMES, headline, sentimentWord, share, type Survey, type SurveyAnswer, type SurveyInvitation, type SurveyResults } from './types';

type Day = SurveyResults['trend'][number];
type Group = NonNullable<SurveyResults['breakdown']>[number];

export function SurveyPage({ id }: { id: string }) {
  const survey = useApi<Survey>(`/surveys/${id}`);
  const [by, setBy] = useState<string>('relationship_type');
  const customFields = useCustomFields('customer');
  const [showFilter, setShowFilter] = useState(false);
  const [view, setView] = useState<ListView>(defaultView);
  const kinds = useMemo(() => filterKinds(customFields), [customFields]);
  const filter = useMemo(() => buildFilter(view, kinds), [view, kinds]);
  const results = useApi<SurveyResults>(`/surveys/${id}/results${query({ by, filter: filter === null ? undefined : JSON.stringify(filter) })}`);
  const filterError = results.error instanceof ApiError && results.error.status === 422 ? results.error : undefined;
  const conditions = view.conditions.length;

  if (survey.error !== undefined) return <ErrorNote error={survey.error} onRetry={survey.reload} />;
  if (!survey.data) return <Loading what="the survey" />;
  const s = survey.data;
  return (
    <section aria-labelledby="survey-title">
      <div className="page-header">
        <h1 id="survey-title">{s.name}</h1>
        <Link to="/surveys">All surveys</Link>
      </div>
      <p className="muted">
        {KIND_NAMES[s.kind]} · {s.purpose} · version {s.current_version} · {s.questions.length} questions
      </p>
      <div className="toolbar">
        <button type="button" aria-expanded={showFilter} onClick={() => setShowFilter((v) => !v)}>
          Filter results{conditions > 0 ? ` (${conditions})` : ''}
        </button>
        {filter !== null && <span className="muted">Results of the customers the filter selects.</span>}
      </div>
      {showFilter && (
        <FilterBuilder
          view={view}
          customFields={customFields}
          onChange={(next, match) => setView((v) => ({ ...v, conditions: next, match }))}
          error={filterError}
        />
      )}
      {results.error !== undefined && !filterError && <ErrorNote error={results.error} onRetry={results.reload} />}
      {results.data && (
        <>
          <dl className="report-totals">
            <div className="card">
              <dt>{s.kind === 'nps' ? 'NPS' : 'Average'}</dt>
              <dd>
                <strong>{headline(s.kind, results.data.summary)}</strong>
              </dd>
            </div>
            <div className="card">
              <dt>Answers</dt>
              <dd>
                <strong>{results.data.answered}</strong>
                <span className="muted">of {results.data.invited} invited</span>
              </dd>
            </div>
            <div className="card">
              <dt>Response rate</dt>
              <dd>
                <strong>{share(results.data.response_rate)}</strong>
              </dd>
            </div>
          </dl>
          <DayChart<Day>
            title={s.kind === 'nps' ? 'Answers and NPS per day' : 'Answers and average per day'}
            days={results.data.trend}
            bars={[{ key: 'n', label: 'Answers', color: '#3b6fd1' }]}
            line={{ key: 'score', label: s.kind === 'nps' ? 'NPS' : 'Average', color: '#c0392b' }}
            value={(day, key) => (key === 'n' ? day.n : day.score)}
          />
          <label>
            Break down by{' '}
            <select value={by} onChange={(e) => setBy(e.target.value)}>
              {BREAKDOWNS.map((b) => (
                <option key={b.value} value={b.value}>
                  {b.label}
                </option>
              ))}
            </select>
          </label>
          <BarChart<Group>
            title={s.kind === 'nps' ? 'NPS by group' : 'Average by group'}
            rows={results.data.breakdown ?? []}
            name={(g) => g.key || 'Not set'}
            series={[{ key: 'score', label: s.kind === 'nps' ? 'NPS' : 'Average', color: '#2e8b57' }]}
            value={(g) => g.score}
          />
        </>
      )}
      {s.kind === 'custom' && <EditQuestions survey={s} onSaved={survey.reload} />}
      <Invite surveyId={id} onInvited={results.reload} />
      <OpenLink surveyId={id} />
      <SurveySendsList surveyId={id} />
      <TriggerForm survey={s} onSaved={survey.reload} />
      <Answers surveyId={id} />
    </section>
  );
}

// A custom survey's questions, edited in place: saving a change after answers came in makes a new
// version (earlier answers keep theirs; docs/design/surveys.md § Versions).
function EditQuestions({ survey, onSaved }: { survey: Survey; onSaved: () => void }) {
  const [drafts, setDrafts] = useState<DraftQuestion[] | null>(null);
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  const save = useSubmit(
    async () => {
      if (!drafts) return;
      const saved = await api<Survey>('PATCH', `/surveys/${survey.id}`, { body: { questions: drafts.map(fromDraft) }, ifMatch: survey.version });
      setDrafts(null);
      setSavedVersion(saved.current_version);
      onSaved();
    },
    (err) => err,
  );
  const placed = save.error instanceof ApiError ? placeQuestionErrors(save.error.fieldErrors) : undefined;
  return (
    <section className="card" aria-labelledby="survey-questions-title">
      <h2 id="survey-questions-title">Questions</h2>
      {drafts === null ? (
        <>
          <ol>
            {survey.questions.map((q) => (
              <li key={q.id}>
                {typeof q.text === 'string' ? q.text : q.text.en}
                {q.show_if && <span className="muted"> (only when {q.show_if.question} matches)</span>}
              </li>
            ))}
          </ol>
          {savedVersion !== null && <p role="status">Saved as version {savedVersion}.</p>}
          <button type="button" onClick={() => setDrafts(survey.questions.map(toDraft))}>
            Edit questions
          </button>
        </>
      ) : (
        <form onSubmit={(e) => void save.submit(e)} aria-label="Edit the questions">
          <QuestionEditor questions={drafts} onChange={setDrafts} errors={placed} />
          {save.error !== null && (placed === undefined || placed.byQuestion.size === 0) && <ErrorNote error={save.error} />}
          {placed !== undefined && placed.byQuestion.size > 0 && (
            <p className="notice notice-error" role="alert">
              Some questions need attention.
            </p>
          )}
          <button type="submit" disabled={save.busy}>
            {save.busy ? 'Saving…' : 'Save questions'}
          </button>{' '}
          <button type="button" onClick={() => setDrafts(null)}>
            Back
          </button>
        </form>
      )}
    </section>
  );
}

function Invite({ surveyId, onInvited }: { surveyId: string; onInvited: () => void }) {
  const [customerId, setCustomerId] = useState('');
  const [delivery, setDelivery] = useState<'link' | 'email'>('link');
  const [invitation, setInvitation] = useState<SurveyInvitation | null>(null);
  const { busy, error, submit } = useSubmit(
    async () => {
      setInvitation(await api<SurveyInvitation>('POST', `/surveys/${surveyId}/invitations`, { body: { customer_id: customerId, delivery } }));
      onInvited();
    },
    (err) => err
  );
  return (
    <form className="card" onSubmit={submit} aria-labelledby="invite-title">
      <h2 id="invite-title">Invite a customer</h2>
      <label>
        Customer id <input value={customerId} required onChange={(e) => setCustomerId(e.target.value)} />
      </label>
      <label>
        Deliver{' '}
        <select value={delivery} onChange={(e) => setDelivery(e.target.value as 'link' | 'email')}>
          <option value="link">as a link to pass on</option>
          <option value="email">by e-mail</option>
        </select>
      </label>
      <button type="submit" disabled={busy}>
        Invite
      </button>
      {error !== null && <ErrorNote error={error} />}
      {invitation && (
        <p role="status">
          {invitation.status === 'sent' && invitation.link ? (
            <>
              Link (shown once): <code>{invitation.link}</code>
            </>
          ) : invitation.status === 'sent' ? (
            'Sent: the invitation is on its way by e-mail.'
          ) : invitation.status === 'no_email' ? (
            'Not sent: this customer has no e-mail address. The ask is recorded.'
          ) : invitation.status === 'throttled' ? (
            'Not sent: this customer was asked recently (contact budget). The ask is recorded.'
          ) : (
            'Not sent: a marketing survey needs the customer’s marketing consent. The ask is recorded.'
          )}
        </p>
      )}
    </form>
  );
}

/** The survey's open link, for a QR code or a website: made (or replaced) and shown once. */
function OpenLink({ surveyId }: { surveyId: string }) {
  const [link, setLink] = useState<string | null>(null);
  const [closed, setClosed] = useState(false);
  const make = useSubmit(
    async () => {
      setLink((await api<{ link: string }>('POST', `/surveys/${surveyId}/open-link`)).link);
      setClosed(false);
    },
    (err) => err,
  );
  const close = useSubmit(
    async () => {
      await api('DELETE', `/surveys/${surveyId}/open-link`);
      setLink(null);
      setClosed(true);
    },
    (err) => err,
  );
  return (
    <section className="card" aria-labelledby="open-link-title">
      <h2 id="open-link-title">Open link</h2>
      <p className="muted">
        One link anyone can answer, for a receipt, a QR code or your website. Each address can start a few answers a day;
        answers from it are anonymous. Making a new link stops the old one.
      </p>
      <form onSubmit={make.submit}>
        <button type="submit" disabled={make.busy}>
          Make an open link
        </button>
      </form>
      <form onSubmit={close.submit}>
        <button type="submit" disabled={close.busy}>
          Close the open link
        </button>
      </form>
      {link && (
        <p role="status">
          Open link (shown once): <code>{link}</code>
        </p>
      )}
      {closed && <p role="status">Closed: the link no longer opens the survey.</p>}
      {make.error !== null && <ErrorNote error={make.error} />}
      {close.error !== null && <ErrorNote error={close.error} />}
    </section>
  );
}

function Answers({ surveyId }: { surveyId: string }) {
  const [q, setQ] = useState('');
  const answers = useApi<{ data: SurveyAnswer[]; next_cursor: string | null }>(`/surveys/${surveyId}/answers${query({ q: q || undefined })}`);
  return (
    <section aria-labelledby="answers-title">
      <h2 id="answers-title">Answers</h2>
      <label>
        Search comments <input type="search" value={q} maxLength={200} onChange={(e) => setQ(e.target.value)} />
      </label>
      {answers.error !== undefined && <ErrorNote error={answers.error} />}
      {answers.data && answers.data.data.length === 0 && <Empty>No answers yet.</Empty>}
      {answers.data && answers.data.data.length > 0 && (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Customer</th>
              <th scope="col">Score</th>
              <th scope="col">Comment</th>
              <th scope="col">Sentiment</th>
              <th scope="col">Themes</th>
              <th scope="col">Answered</th>
            </tr>
          </thead>
          <tbody>
            {answers.data.data.map((a) => (
              <tr key={a.id}>
                <td>{a.customer_id ? <Link to={`/customers/${a.customer_id}`}>{a.customer_name}</Link> : a.customer_name}</td>
                <td>{a.score ?? '—'}</td>
                <td>{a.comment ?? ''}</td>
                <td>{sentimentWord(a.sentiment)}</td>
                <td>{(a.themes ?? []).map((t) => t.name).join(', ')}</td>
                <td>{new Date(a.answered_at).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
