// The surveys list (/surveys): every survey with its kind and version, and a form to define one —
// a standard one (NPS, CSAT, CES) by name, or a custom one with its questions and show/skip rules
// (QuestionEditor). Each row opens the survey's results. Below: "you said, we did".
import { useState } from 'react';
import { ApiError, api } from '../../api/client';
import { useApi } from '../../api/useResource';
import { Link, navigate } from '../../app/router';
import { can, useSession } from '../../app/session';
import { Empty, ErrorNote, Loading } from '../../ui/States';
import { useSubmit } from '../../ui/useSubmit';
import { QuestionEditor } from './QuestionEditor';
import { blankQuestion, fromDraft, placeQuestionErrors, type DraftQuestion } from './questionDrafts';
import { Themes } from './Themes';
import { KIND_NAMES, type Survey, type SurveyKind } from './types';

export function Surveys() {
  const { me } = useSession();
  const surveys = useApi<{ data: Survey[] }>('/surveys');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<SurveyKind>('nps');
  const [purpose, setPurpose] = useState<'service' | 'marketing'>('service');
  const [questions, setQuestions] = useState<DraftQuestion[]>(() => [blankQuestion([])]);
  const { busy, error, submit } = useSubmit(
    async () => {
      const body: Record<string, unknown> = { name, kind, purpose };
      if (kind === 'custom') body.questions = questions.map(fromDraft);
      const created = await api<Survey>('POST', '/surveys', { body });
      navigate(`/surveys/${created.id}`);
    },
    (err) => err
  );
  const placed = error instanceof ApiError ? placeQuestionErrors(error.fieldErrors) : undefined;
  const questionsWrong = placed !== undefined && placed.byQuestion.size > 0;

  return (
    <section aria-labelledby="surveys-title">
      <div className="page-header">
        <h1 id="surveys-title">Surveys</h1>
      </div>
      <form className="toolbar" onSubmit={submit} aria-label="New survey">
        <label>
          Name <input value={name} required maxLength={200} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Kind{' '}
          <select value={kind} onChange={(e) => setKind(e.target.value as SurveyKind)}>
            {(['nps', 'csat', 'ces', 'custom'] as const).map((k) => (
              <option key={k} value={k}>
                {KIND_NAMES[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Purpose{' '}
          <select value={purpose} onChange={(e) => setPurpose(e.target.value as 'service' | 'marketing')}>
            <option value="service">Service (no marketing consent needed)</option>
            <option value="marketing">Marketing (needs consent)</option>
          </select>
        </label>
        {kind !== 'custom' && (
          <button type="submit" disabled={busy}>
            Create survey
          </button>
        )}
      </form>
      {kind === 'custom' && (
        <form className="card" onSubmit={submit} aria-label="Questions of the new survey">
          <QuestionEditor questions={questions} onChange={setQuestions} errors={placed} />
          {questionsWrong && (
            <p className="notice notice-error" role="alert">
              Some questions need attention.
            </p>
          )}
          <button type="submit" disabled={busy || !name.trim()}>
            Create survey
          </button>
        </form>
      )}
      {error !== null && !questionsWrong && <ErrorNote error={error} />}
      {surveys.error !== undefined && <ErrorNote error={surveys.error} onRetry={surveys.reload} />}
      {!surveys.data && surveys.error === undefined && <Loading what="surveys" />}
      {surveys.data && surveys.data.data.length === 0 && <Empty>No surveys yet.</Empty>}
      {surveys.data && surveys.data.data.length > 0 && (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Purpose</th>
              <th scope="col">Version</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {surveys.data.data.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link to={`/surveys/${s.id}`}>{s.name}</Link>
                </td>
                <td>{KIND_NAMES[s.kind]}</td>
                <td>{s.purpose}</td>
                <td>{s.current_version}</td>
                <td>{s.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Themes canEdit={can(me, 'surveys', 'edit')} />
    </section>
  );
}
