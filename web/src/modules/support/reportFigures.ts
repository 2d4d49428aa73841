// The desk report's shapes (GET /support/reports) and how the page words its figures: durations
// in the largest sensible unit, shares as percentages, "—" where there is nothing to measure.
export interface ReportTimes {
  count: number;
  median_seconds: number | null;
  p90_seconds: number | null;
}

export interface ReportFigures {
  opened: number;
  solved: number;
  first_response: ReportTimes;
  resolution: ReportTimes;
  queue_id?: string | null;
  assignee_id?: string | null;
}

export interface ReportDay {
  date: string;
  opened: number;
  solved: number;
  backlog: number;
}

export interface SlaSection {
  tickets: number;
  breached: number;
  attainment: number | null;
  breaches: Record<string, number>;
}

export interface SatisfactionFigures {
  ratings: number;
  good: number;
  bad: number;
  score: number | null;
  /** ratings that came with a comment */
  comments: number;
  /** rating mails sent (tickets) and conversations ended (chats: each is asked) in the range */
  requests: number;
  response_rate: number | null;
}

/** Both channels together, and each apart: ticket ratings (mail) and chat ratings (widget). */
export interface SatisfactionSection extends SatisfactionFigures {
  by_channel: (SatisfactionFigures & { channel: 'ticket' | 'chat' })[];
}

export interface SupportReport {
  from: string;
  to: string;
  days: ReportDay[];
  totals: ReportFigures;
  by_queue: ReportFigures[];
  by_agent: ReportFigures[];
  sla: SlaSection | null;
  satisfaction: SatisfactionSection | null;
}

/** "45 s", "12 min", "3.5 h", "2.1 d"; "—" for no value. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86400) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} d`;
}

/** "83 %"; "—" when there was nothing to measure. */
export function formatShare(share: number | null | undefined): string {
  if (share === null || share === undefined) return '—';
  return `${Math.round(share * 100)} %`;
}

/** YYYY-MM-DD of `date` minus `days` (UTC). */
export function daysBefore(date: Date, days: number): string {
  return new Date(date.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}
