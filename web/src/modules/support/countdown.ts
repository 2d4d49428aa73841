// Due times as an agent reads them: "due in 1 h 20 min", "overdue by 5 min". Pure; tested.

/** The time left until `dueAt` from `now` (ms), rounded to what matters at that distance. */
export function formatCountdown(dueAt: string, now: number): string {
  const due = Date.parse(dueAt);
  if (Number.isNaN(due)) return '—';
  const diff = due - now;
  const text = span(Math.abs(diff));
  return diff >= 0 ? `due in ${text}` : `overdue by ${text}`;
}

/** How urgent a due time is: overdue, soon (within the hour) or later. */
export function urgency(dueAt: string, now: number): 'overdue' | 'soon' | 'later' {
  const diff = Date.parse(dueAt) - now;
  if (diff < 0) return 'overdue';
  return diff <= 60 * 60 * 1000 ? 'soon' : 'later';
}

function span(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return `${Math.max(0, Math.floor(ms / 1000))} s`;
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}
