// The custom-question editor (docs/design/surveys.md § Model): questions of type rating, scale,
// single choice, multiple choice and text, in English and optionally German, each optionally
// shown only when an earlier answer matches (show/skip logic). Controlled: the parent holds the
// drafts and sends them (a new survey's POST, or a PATCH that makes a new version); the server's
// field errors are shown on the question and part they name (placeQuestionErrors).
import { Field, SelectField, TextAreaField } from '../../ui/Field';
import {
  TYPE_NAMES,
  blankQuestion,
  isChoice,
  isNumeric,
  optionsFromLines,
  type DraftQuestion,
  type DraftRule,
  type PlacedQuestionErrors,
  type QuestionType,
} from './questionDrafts';

interface Props {
  questions: DraftQuestion[];
  onChange: (questions: DraftQuestion[]) => void;
  errors?: PlacedQuestionErrors;
}

export function QuestionEditor({ questions, onChange, errors }: Props) {
  const update = (index: number, change: Partial<DraftQuestion>) =>
    onChange(questions.map((q, i) => (i === index ? { ...q, ...change } : q)));
  const remove = (index: number) => {
    const gone = questions[index].id;
    // A rule on the removed question goes with it.
    onChange(questions.filter((_, i) => i !== index).map((q) => (q.rule?.question === gone ? { ...q, rule: null } : q)));
  };
  const move = (index: number, by: -1 | 1) => {
    const next = [...questions];
    [next[index], next[index + by]] = [next[index + by], next[index]];
    onChange(next);
  };
  return (
    <fieldset className="question-editor">
      <legend>Questions</legend>
      {questions.length === 0 && <p className="muted">No questions yet.</p>}
      <ol>
        {questions.map((q, i) => (
          <li key={q.id} className="question-draft" aria-label={`Question ${i + 1}`}>
            <QuestionFields
              question={q}
              number={i + 1}
              earlier={questions.slice(0, i)}
              errors={errors?.byQuestion.get(i) ?? {}}
              onChange={(change) => update(i, change)}
            />
            <div className="question-actions">
              <button type="button" onClick={() => move(i, -1)} disabled={i === 0} aria-label={`Move question ${i + 1} up`}>
                Up
              </button>
              <button type="button" onClick={() => move(i, 1)} disabled={i === questions.length - 1} aria-label={`Move question ${i + 1} down`}>
                Down
              </button>
              <button type="button" onClick={() => remove(i)} aria-label={`Remove question ${i + 1}`}>
                Remove
              </button>
            </div>
          </li>
        ))}
      </ol>
      <button type="button" onClick={() => onChange([...questions, blankQuestion(questions)])} disabled={questions.length >= 30}>
        Add question
      </button>
    </fieldset>
  );
}

function QuestionFields({
  question: q,
  number,
  earlier,
  errors,
  onChange,
}: {
  question: DraftQuestion;
  number: number;
  earlier: DraftQuestion[];
  errors: Partial<Record<'text' | 'options' | 'range' | 'rule' | 'other', string>>;
  onChange: (change: Partial<DraftQuestion>) => void;
}) {
  const n = `question ${number}`;
  const targets = earlier.filter((e) => e.type !== 'text');
  const target = q.rule ? targets.find((t) => t.id === q.rule?.question) : undefined;
  const setRule = (change: Partial<DraftRule>) => onChange({ rule: { ...(q.rule ?? { question: '', in: [], min: '', max: '' }), ...change } });
  return (
    <>
      {errors.other && (
        <p className="notice notice-error" role="alert">
          {errors.other}
        </p>
      )}
      <SelectField
        label={`Type of ${n}`}
        value={q.type}
        options={(Object.keys(TYPE_NAMES) as QuestionType[]).map((t) => ({ value: t, label: TYPE_NAMES[t] }))}
        onChange={(e) => onChange({ type: e.target.value as QuestionType, min: '', max: '', main: false })}
      />
      <Field label={`Text of ${n}`} value={q.text} maxLength={500} onChange={(e) => onChange({ text: e.target.value })} error={errors.text} />
      <Field label={`German text of ${n} (optional)`} value={q.textDe} maxLength={500} onChange={(e) => onChange({ textDe: e.target.value })} />
      {isNumeric(q.type) && (
        <div className="field-row">
          {q.type === 'scale' && <Field label={`Lowest of ${n}`} type="number" value={q.min} placeholder="0" onChange={(e) => onChange({ min: e.target.value })} />}
          <Field
            label={q.type === 'rating' ? `Stars of ${n}` : `Highest of ${n}`}
            type="number"
            value={q.max}
            placeholder={q.type === 'rating' ? '5' : '10'}
            onChange={(e) => onChange({ max: e.target.value })}
            error={errors.range}
          />
          <label className="checkbox-field">
            <input type="checkbox" checked={q.main} onChange={(e) => onChange({ main: e.target.checked })} />
            {` The survey's score (${n})`}
          </label>
        </div>
      )}
      {isChoice(q.type) && (
        <TextAreaField
          label={`Options of ${n} (one per line)`}
          rows={3}
          value={q.optionsText}
          onChange={(e) => onChange({ optionsText: e.target.value, options: optionsFromLines(e.target.value, q.options) })}
          error={errors.options}
        />
      )}
      <label className="checkbox-field">
        <input type="checkbox" checked={q.required} onChange={(e) => onChange({ required: e.target.checked })} />
        {` Answer required (${n})`}
      </label>
      {targets.length > 0 && (
        <div className="question-rule">
          <SelectField
            label={`Show ${n}`}
            value={q.rule?.question ?? ''}
            options={[{ value: '', label: 'always' }, ...targets.map((t) => ({ value: t.id, label: `only when ${t.text || t.id} is…` }))]}
            onChange={(e) => onChange({ rule: e.target.value ? { question: e.target.value, in: [], min: '', max: '' } : null })}
            error={errors.rule}
          />
          {target && isChoice(target.type) && (
            <fieldset>
              <legend>Answers of {target.text || target.id} that show {n}</legend>
              {target.options.map((o) => (
                <label key={o.id} className="checkbox-field">
                  <input
                    type="checkbox"
                    checked={q.rule?.in.includes(o.id) ?? false}
                    onChange={(e) =>
                      setRule({ in: e.target.checked ? [...(q.rule?.in ?? []), o.id] : (q.rule?.in ?? []).filter((id) => id !== o.id) })
                    }
                  />{' '}
                  {o.text}
                </label>
              ))}
            </fieldset>
          )}
          {target && isNumeric(target.type) && (
            <div className="field-row">
              <Field label={`From (${n} rule)`} type="number" value={q.rule?.min ?? ''} onChange={(e) => setRule({ min: e.target.value })} />
              <Field label={`To (${n} rule)`} type="number" value={q.rule?.max ?? ''} onChange={(e) => setRule({ max: e.target.value })} />
            </div>
          )}
        </div>
      )}
    </>
  );
}
