import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ImportJobPanel, mayRevert } from './ImportJobPanel';
import { JobProgress } from './JobProgress';
import type { ImportJob } from './types';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const base: ImportJob = {
  id: 'imp_1',
  kind: 'import',
  object_type: 'customers',
  status: 'queued',
  options: { mode: 'create', dry_run: false, atomic: false, format: 'csv' },
  file_name: 'people.csv',
  progress: 0,
  total_bytes: 1000,
  done_bytes: 0,
  rows: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  failed: 0,
  message: null,
  error_count: 0,
  created_at: '2026-01-01T10:00:00Z',
  finished_at: null,
  reverted_at: null,
};

const REPORT = 'row,line,column,value,reason\r\n2,3,email,not-an-email,"must be a valid email address, like a@b.c"\r\n';

let container: HTMLDivElement;
let root: Root;
let answers: ImportJob[];
let requests: { method: string; url: string }[];

function respond(body: unknown, type = 'application/json', status = 200) {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

beforeEach(() => {
  vi.useFakeTimers();
  requests = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      requests.push({ method, url });
      if (url.endsWith('/errors')) return respond(REPORT, 'text/csv');
      if (url.endsWith('/revert')) {
        return respond({ ...answers[answers.length - 1], status: 'reverted', reverted: { removed: 3, kept: 1, missing: 0 } });
      }
      return respond(answers.length > 1 ? answers.shift() : answers[0]);
    }),
  );
  container = document.createElement('div');
  document.body.appendChild(container);
  root = createRoot(container);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const bar = () => container.querySelector('[role="progressbar"]')!;
const count = (label: string) =>
  [...container.querySelectorAll('.job-counts > div')].find((d) => d.querySelector('dt')?.textContent === label)?.querySelector('dd')?.textContent;

describe('ImportJobPanel', () => {
  it('polls every 500 ms, moving the bar and the counts, then shows the summary, the error report and Revert', async () => {
    answers = [
      { ...base, status: 'running', progress: 40, done_bytes: 400, rows: 4, created: 3, failed: 1 },
      { ...base, status: 'completed', progress: 100, done_bytes: 1000, rows: 5, created: 4, failed: 1, error_count: 1, message: '4 created, 0 updated, 0 unchanged, 1 refused.' },
    ];
    const onChanged = vi.fn();
    await act(async () => root.render(<ImportJobPanel id="imp_1" initial={base} onChanged={onChanged} onClose={() => undefined} />));
    expect(bar().getAttribute('aria-valuenow')).toBe('40');
    expect(count('Created')).toBe('3');
    expect(container.textContent).toContain('Running');

    await act(async () => vi.advanceTimersByTimeAsync(500));
    expect(bar().getAttribute('aria-valuenow')).toBe('100');
    expect(count('Created')).toBe('4');
    expect(count('Refused')).toBe('1');
    expect(onChanged).toHaveBeenCalledTimes(1);
    expect(container.textContent).toContain('4 created, 0 updated, 0 unchanged, 1 refused.');

    // No more polling once the job has finished.
    const polls = requests.filter((r) => r.url === '/api/v1/imports/imp_1').length;
    await act(async () => vi.advanceTimersByTimeAsync(3000));
    expect(requests.filter((r) => r.url === '/api/v1/imports/imp_1').length).toBe(polls);

    const cells = [...container.querySelectorAll('.error-report tbody td')].map((td) => td.textContent);
    expect(cells).toEqual(['2', '3', 'email', 'not-an-email', 'must be a valid email address, like a@b.c']);
    const link = container.querySelector<HTMLAnchorElement>('.error-report a')!;
    expect(link.textContent).toBe('Download error report');
    expect(link.getAttribute('href')).toBe('/api/v1/imports/imp_1/errors');

    const revert = [...container.querySelectorAll('button')].find((b) => b.textContent === 'Revert import')!;
    await act(async () => revert.click());
    const dialog = container.querySelector('dialog')!;
    expect(dialog.textContent).toContain('Revert this import?');
    const confirm = [...dialog.querySelectorAll('button')].find((b) => b.textContent === 'Revert import')!;
    await act(async () => confirm.click());
    expect(requests.some((r) => r.method === 'POST' && r.url === '/api/v1/imports/imp_1/revert')).toBe(true);
    expect(container.querySelector('dialog')).toBeNull();
    expect(container.textContent).toContain('Reverted: 3 removed, 1 kept because they were changed after the import.');
    expect([...container.querySelectorAll('button')].some((b) => b.textContent === 'Revert import')).toBe(false);
  });

  it('offers no revert for a dry run, says what it would do, and opening an ended job refreshes nothing', async () => {
    answers = [{ ...base, options: { ...base.options, dry_run: true }, status: 'completed', progress: 100, created: 2, error_count: 0, message: 'Dry run, nothing changed.' }];
    const onChanged = vi.fn();
    await act(async () => root.render(<ImportJobPanel id="imp_1" initial={null} onChanged={onChanged} onClose={() => undefined} />));
    expect(container.querySelector('h2')!.textContent).toBe('Dry run: people.csv');
    expect(onChanged).not.toHaveBeenCalled(); // it had ended before it was opened: no list refresh
    expect(count('Would create')).toBe('2');
    expect([...container.querySelectorAll('button')].some((b) => b.textContent === 'Revert import')).toBe(false);
    expect(container.querySelector('.error-report')).toBeNull();
  });
});

describe('mayRevert', () => {
  it('allows reverting a real import that created records', () => {
    expect(mayRevert({ ...base, status: 'completed', created: 2 })).toBe(true);
    expect(mayRevert({ ...base, status: 'interrupted', created: 2 })).toBe(true);
    expect(mayRevert({ ...base, status: 'completed', created: 0, updated: 4 })).toBe(false);
    expect(mayRevert({ ...base, status: 'running', created: 2 })).toBe(false);
    expect(mayRevert({ ...base, status: 'reverted', created: 2 })).toBe(false);
    expect(mayRevert({ ...base, status: 'completed', created: 2, options: { dry_run: true } })).toBe(false);
    expect(mayRevert({ ...base, status: 'completed', created: 2, failed: 1, options: { atomic: true } })).toBe(false);
  });
});

describe('JobProgress', () => {
  it('shows an export in records, reading a running export\'s fraction through its counts', async () => {
    const exporting = { ...base, kind: 'export' as const, status: 'running' as const, progress: 0.37, total_bytes: 1200, done_bytes: 444, options: { format: 'csv' } };
    await act(async () => root.render(<JobProgress job={exporting} label="Export progress" />));
    expect(bar().getAttribute('aria-valuenow')).toBe('37');
    expect(bar().getAttribute('aria-label')).toBe('Export progress');
    expect(container.textContent).toContain('444 of 1,200 records');
    expect(container.querySelector<HTMLElement>('.progress-fill')!.style.width).toBe('37%');
  });
});
