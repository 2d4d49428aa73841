// The surveys' shapes (aliases over schema.d.ts, generated from the server's OpenAPI document by
// `make web-types`) and the wording of their figures: the NPS with its interval, averages,
// shares. Pure; unit-tested in surveyFigures.test.ts.
import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type SurveyKind = Schemas['Survey']['kind'];
export type SurveyQuestion = Schemas['SurveyQuestion'];
export type Survey = Schemas['Survey'];
export type SurveyTrigger = NonNullable<Schemas['SurveyTrigger']>;
export type SurveyInvitation = Schemas['SurveyInvitation'];
export type SurveySend = Schemas['SurveySend'];
export type SurveySummary = Schemas['SurveySummary'];
export type SurveyResults = Schemas['SurveyResults'];
export type SurveyAnswer = Schemas['SurveyAnswer'];
export type FeedbackTheme = Schemas['FeedbackTheme'];
export type FeedbackThemeReport = Schemas['FeedbackThemeReport'];

export const KIND_NAMES: Record<SurveyKind, string> = {
  nps: 'NPS (0–10)',
  csat: 'CSAT (1–5)',
  ces: 'CES (1–7)',
  custom: 'Custom',
};

export const BREAKDOWNS = [
  { value: 'relationship_type', label: 'Relationship type' },
  { value: 'lifecycle_stage', label: 'Lifecycle stage' },
  { value: 'queue', label: 'Queue of the ticket' },
  { value: 'product_category', label: 'Product category of the order' },
] as const;

/** "33 (95 % interval −12 to 79)", "4.20 (…)" or "—" without answers. */
export function headline(kind: SurveyKind, summary: SurveySummary): string {
  const value = kind === 'nps' ? summary.nps : summary.average;
  if (value === null || value === undefined) return '—';
  const digits = kind === 'nps' ? 0 : 2;
  const text = (n: number) => n.toFixed(digits).replace('-', '−');
  if (!summary.ci95) return text(value);
  return `${text(value)} (95 % interval ${text(summary.ci95[0])} to ${text(summary.ci95[1])})`;
}

export function share(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${Math.round(value * 100)} %`;
}

/** A comment's sentiment in words, for the answers list. */
export function sentimentWord(value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (value <= -0.5) return 'negative';
  if (value < -0.1) return 'somewhat negative';
  if (value >= 0.5) return 'positive';
  if (value > 0.1) return 'somewhat positive';
  return 'neutral';
}
