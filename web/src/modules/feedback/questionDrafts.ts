// The custom-question editor's model (QuestionEditor): questions as the form edits them — texts in
// English and German, options one per line, a show-if rule on an earlier answer — and the
// conversion to and from the API's SurveyQuestion (docs/design/surveys.md § Model), plus where
// the server's field errors ("questions[2].options[0].text.en") belong in the form. Pure;
// unit-tested in questionDrafts.test.ts.
import type { SurveyQuestion } from './types';

export type QuestionType = SurveyQuestion['type'];

export interface DraftOption {
  id: string;
  text: string;
}

export interface DraftRule {
  question: string; // an earlier question's id
  in: string[]; // choice questions: option ids
  min: string; // rating and scale questions
  max: string;
}

export interface DraftQuestion {
  id: string;
  type: QuestionType;
  text: string;
  textDe: string;
  required: boolean;
  main: boolean;
  min: string;
  max: string;
  options: DraftOption[];
  optionsText: string; // as typed, one option per line
  rule: DraftRule | null;
}

export const TYPE_NAMES: Record<QuestionType, string> = {
  rating: 'Rating (stars)',
  scale: 'Scale (numbers)',
  single_choice: 'Single choice',
  multiple_choice: 'Multiple choice',
  text: 'Text',
};

export const isChoice = (type: QuestionType) => type === 'single_choice' || type === 'multiple_choice';
export const isNumeric = (type: QuestionType) => type === 'rating' || type === 'scale';

/** A new question with an id no other question has ("q1", "q2", …). */
export function blankQuestion(existing: DraftQuestion[]): DraftQuestion {
  let n = existing.length + 1;
  while (existing.some((q) => q.id === `q${n}`)) n += 1;
  return { id: `q${n}`, type: 'rating', text: '', textDe: '', required: false, main: false, min: '', max: '', options: [], optionsText: '', rule: null };
}

/** Options from a textarea, one per line: each keeps the id it had at its place, or gets a new one. */
export function optionsFromLines(text: string, before: DraftOption[]): DraftOption[] {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const used = new Set<string>();
  return lines.map((line, i) => {
    let id = before[i]?.id ?? '';
    if (!id || used.has(id)) {
      let n = 1;
      while (used.has(`o${n}`) || before.some((o, j) => j !== i && o.id === `o${n}`)) n += 1;
      id = `o${n}`;
    }
    used.add(id);
    return { id, text: line };
  });
}

function textOf(text: SurveyQuestion['text'], language: 'en' | 'de'): string {
  if (typeof text === 'string') return language === 'en' ? text : '';
  return text[language] ?? '';
}

function texts(en: string, de: string): SurveyQuestion['text'] {
  return de.trim() ? { en, de } : { en };
}

export function toDraft(q: SurveyQuestion): DraftQuestion {
  const rule = q.show_if
    ? {
        question: q.show_if.question,
        in: (q.show_if.in as string[] | undefined) ?? [],
        min: q.show_if.min === undefined || q.show_if.min === null ? '' : String(q.show_if.min),
        max: q.show_if.max === undefined || q.show_if.max === null ? '' : String(q.show_if.max),
      }
    : null;
  return {
    id: q.id,
    type: q.type,
    text: textOf(q.text, 'en'),
    textDe: textOf(q.text, 'de'),
    required: q.required ?? false,
    main: q.main ?? false,
    min: q.type === 'scale' && q.min !== undefined ? String(q.min) : '',
    max: isNumeric(q.type) && q.max !== undefined ? String(q.max) : '',
    options: (q.options ?? []).map((o) => ({ id: o.id, text: textOf(o.text, 'en') })),
    optionsText: (q.options ?? []).map((o) => textOf(o.text, 'en')).join('\n'),
    rule,
  };
}

/** A number field as typed: a whole number, else the text (the server names the field). */
function numberOr(text: string): number | string {
  const n = Number(text);
  return text.trim() !== '' && Number.isInteger(n) ? n : text;
}

export function fromDraft(d: DraftQuestion): SurveyQuestion {
  const q: Record<string, unknown> = { id: d.id, type: d.type, text: texts(d.text, d.textDe), required: d.required };
  if (isNumeric(d.type) && d.main) q.main = true;
  if (d.type === 'scale' && d.min.trim()) q.min = numberOr(d.min);
  if (isNumeric(d.type) && d.max.trim()) q.max = numberOr(d.max);
  if (isChoice(d.type)) q.options = d.options.map((o) => ({ id: o.id, text: o.text }));
  if (d.rule && d.rule.question) {
    const rule: Record<string, unknown> = { question: d.rule.question };
    if (d.rule.in.length > 0) rule.in = d.rule.in;
    if (d.rule.min.trim()) rule.min = numberOr(d.rule.min);
    if (d.rule.max.trim()) rule.max = numberOr(d.rule.max);
    q.show_if = rule;
  }
  return q as unknown as SurveyQuestion;
}

/** The part of question `index` a server error path names: text, options, range, rule or other. */
export type QuestionPart = 'text' | 'options' | 'range' | 'rule' | 'other';

export interface PlacedQuestionErrors {
  byQuestion: Map<number, Partial<Record<QuestionPart, string>>>;
  rest: string[];
}

export function placeQuestionErrors(fieldErrors: Record<string, string>): PlacedQuestionErrors {
  const byQuestion = new Map<number, Partial<Record<QuestionPart, string>>>();
  const rest: string[] = [];
  for (const [path, message] of Object.entries(fieldErrors)) {
    const match = /^questions\[(\d+)\]\.?([a-z_]*)/.exec(path);
    if (!match) {
      rest.push(path === 'questions' ? message : `${path}: ${message}`);
      continue;
    }
    const index = Number(match[1]);
    const key = match[2];
    const part: QuestionPart =
      key === 'text' ? 'text' : key === 'options' ? 'options' : key === 'min' || key === 'max' ? 'range' : key === 'show_if' ? 'rule' : 'other';
    const errors = byQuestion.get(index) ?? {};
    const detail = path.slice(match[0].length).replace(/^\./, '');
    if (!errors[part]) errors[part] = detail && part !== 'other' ? `${detail}: ${message}` : part === 'other' ? `${key || 'question'}: ${message}` : message;
    byQuestion.set(index, errors);
  }
  return { byQuestion, rest };
}
