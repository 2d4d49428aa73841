// The surveys' shapes (aliases over schema.d.ts) and the wording of their figures: the NPS with
// its interval, averages, shares. Pure; unit-tested in surveyFigures.test.ts.
// Written out here rather than aliased from schema.d.ts so the app type-checks before the
// schema is regenerated; after `make web-types` these can become aliases of components['schemas']
// (Survey, SurveyInvitation, SurveyResults, SurveySummary, SurveyAnswer), which they mirror.
export type SurveyKind = 'nps' | 'csat' | 'ces' | 'custom';

export interface SurveyQuestion {
  id: string;
  type: 'rating' | 'scale' | 'single_choice' | 'multiple_choice' | 'text';
  text: string | { en: string; de?: string };
  required?: boolean;
  main?: boolean;
  min?: number;
  max?: number;
}

export interface Survey {
  id: string;
  name: string;
  kind: SurveyKind;
  purpose: 'service' | 'marketing';
  status: 'active' | 'archived';
  current_version: number;
  questions: SurveyQuestion[];
  created_at: string;
  updated_at: string;
  version: number;
}

export interface SurveyInvitation {
  id: string;
  survey_id: string;
  survey_version: number;
  customer_id: string | null;
  language: 'en' | 'de';
  status: 'sent' | 'answering' | 'completed' | 'throttled' | 'no_consent';
  expires_at: string | null;
  created_at: string;
  completed_at: string | null;
  link?: string | null;
}

export interface SurveySummary {
  n: number;
  average: number | null;
  nps?: number | null;
  promoters?: number;
  passives?: number;
  detractors?: number;
  ci95: number[] | null;
  satisfied_share?: number | null;
}

export interface SurveyResults {
  survey_id: string;
  kind: string;
  invited: number;
  answered: number;
  response_rate: number | null;
  summary: SurveySummary;
  trend: { date: string; n: number; score: number }[];
  breakdown?: { key: string; n: number; score: number; summary: SurveySummary }[];
}

export interface SurveyAnswer {
  id: string;
  customer_id: string;
  customer_name: string;
  survey_version: number;
  score: number | null;
  comment: string | null;
  sentiment: number | null;
  answers: Record<string, unknown>;
  answered_at: string;
}

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
