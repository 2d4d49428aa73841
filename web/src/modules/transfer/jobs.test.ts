import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client';
import type { ActionName, Level, Me } from '../../api/types';
import { formatBytes, isFinished, pollJob, progressOf, retryDelay, sleep } from './jobs';
import { exportObjectsFor, importObjectsFor, mayTransfer } from './objects';
import type { JobStatus } from './types';

const job = (status: JobStatus, progress: number, done = 0, total = 0) => ({ status, progress, done_bytes: done, total_bytes: total });

describe('progressOf', () => {
  it('is the served whole percent, clamped to 0..100', () => {
    expect(progressOf(job('running', 42))).toBe(42);
    expect(progressOf(job('running', 42.7))).toBe(42);
    expect(progressOf(job('running', 140))).toBe(100);
    expect(progressOf(job('queued', -3))).toBe(0);
  });

  it('is 100 for a completed or reverted job, whatever the figure', () => {
    expect(progressOf(job('completed', 0))).toBe(100);
    expect(progressOf(job('reverted', 7))).toBe(100);
    expect(progressOf(job('failed', 35))).toBe(35);
  });

  it('falls back to the bytes when no figure is served', () => {
    expect(progressOf({ status: 'running', progress: undefined as unknown as number, done_bytes: 250, total_bytes: 1000 })).toBe(25);
    expect(progressOf({ status: 'running', progress: undefined as unknown as number, done_bytes: 0, total_bytes: 0 })).toBe(0);
  });

  it('reads a fraction served by an older server through the bytes', () => {
    expect(progressOf(job('running', 0.37, 370, 1000))).toBe(37);
    expect(progressOf(job('running', 1, 10, 1000))).toBe(1);
    expect(progressOf(job('running', 0, 0, 1000))).toBe(0);
  });
});

describe('isFinished and formatBytes', () => {
  it('knows which statuses end a job', () => {
    expect(['queued', 'running'].map((s) => isFinished({ status: s as JobStatus }))).toEqual([false, false]);
    expect(['completed', 'failed', 'interrupted', 'reverted'].every((s) => isFinished({ status: s as JobStatus }))).toBe(true);
  });

  it('writes sizes for people', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(12_400)).toBe('12.4 kB');
    expect(formatBytes(3_100_000)).toBe('3.1 MB');
    expect(formatBytes(250_000_000)).toBe('250 MB');
  });
});

describe('pollJob', () => {
  const noPause = vi.fn(async () => undefined);
  afterEach(() => noPause.mockClear());

  it('loads until the job has finished, reporting each answer and pausing the interval between', async () => {
    const answers = [job('queued', 0), job('running', 30), job('running', 80), job('completed', 100)];
    const load = vi.fn(async () => answers.shift()!);
    const seen: number[] = [];
    const done = await pollJob(load, (j) => seen.push(progressOf(j)), { sleep: noPause, interval: 500 });
    expect(done.status).toBe('completed');
    expect(seen).toEqual([0, 30, 80, 100]);
    expect(load).toHaveBeenCalledTimes(4);
    expect(noPause.mock.calls.map((c) => (c as unknown[])[0])).toEqual([500, 500, 500]);
  });

  it('stops at once for a finished job', async () => {
    const load = vi.fn(async () => job('failed', 20));
    await expect(pollJob(load, () => undefined, { sleep: noPause })).resolves.toMatchObject({ status: 'failed' });
    expect(load).toHaveBeenCalledTimes(1);
    expect(noPause).not.toHaveBeenCalled();
  });

  it('retries network trouble and 5xx with a growing pause, then goes on', async () => {
    const answers: (() => unknown)[] = [
      () => { throw new ApiError(0, 'unreachable'); },
      () => { throw new ApiError(503, 'busy'); },
      () => job('running', 50),
      () => { throw new ApiError(429, 'slow down', {}, 3); },
      () => job('completed', 100),
    ];
    const load = vi.fn(async () => answers.shift()!() as ReturnType<typeof job>);
    const updates = vi.fn();
    await pollJob(load, updates, { sleep: noPause, interval: 500 });
    expect(updates).toHaveBeenCalledTimes(2);
    // 1st retry 1 s, 2nd 2 s, then the interval, then Retry-After (3 s).
    expect(noPause.mock.calls.map((c) => (c as unknown[])[0])).toEqual([1000, 2000, 500, 3000]);
  });

  it('gives up after too many failures in a row, and at once on a refusal', async () => {
    const failing = vi.fn(async () => { throw new ApiError(502, 'bad gateway'); });
    await expect(pollJob(failing, () => undefined, { sleep: noPause, maxFailures: 3 })).rejects.toMatchObject({ status: 502 });
    expect(failing).toHaveBeenCalledTimes(3);
    const gone = vi.fn(async () => { throw new ApiError(404, 'No import has the id x.'); });
    await expect(pollJob(gone, () => undefined, { sleep: noPause })).rejects.toMatchObject({ status: 404 });
    expect(gone).toHaveBeenCalledTimes(1);
  });

  it('stops when aborted, without reporting a late answer', async () => {
    vi.useFakeTimers();
    try {
      const controller = new AbortController();
      const load = vi.fn(async () => job('running', 10));
      const updates = vi.fn();
      const polling = pollJob(load, updates, { signal: controller.signal, interval: 500 });
      const outcome = polling.catch((e: Error) => e.name);
      await vi.advanceTimersByTimeAsync(1600);
      expect(load).toHaveBeenCalledTimes(4); // at 0, 500, 1000 and 1500 ms
      controller.abort();
      expect(await outcome).toBe('AbortError');
      await vi.advanceTimersByTimeAsync(2000);
      expect(load).toHaveBeenCalledTimes(4);
      expect(updates).toHaveBeenCalledTimes(4);
    } finally {
      vi.useRealTimers();
    }
  });

  it('caps the retry pause, and sleep rejects when already aborted', async () => {
    expect(retryDelay(10, 500, new ApiError(500, 'x'))).toBe(8000);
    const controller = new AbortController();
    controller.abort();
    await expect(sleep(10, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('who sees Import & export', () => {
  const none: Record<ActionName, Level> = { read: 'none', create: 'none', edit: 'none', delete: 'none', export: 'none', import: 'none' };
  const me = (admin: boolean, grants: Partial<Record<'customers' | 'companies' | 'interactions', Partial<Record<ActionName, Level>>>>): Me =>
    ({
      actor: 'usr_1',
      access: {
        admin,
        fields: {},
        grants: {
          customers: { ...none, ...grants.customers },
          companies: { ...none, ...grants.companies },
          interactions: { ...none, ...grants.interactions },
          audit: { ...none },
        },
      },
    }) as Me;

  it('shows the entry to admins and to roles that may import or export anything', () => {
    expect(mayTransfer(me(true, {}))).toBe(true);
    expect(mayTransfer(me(false, { customers: { export: 'own' } }))).toBe(true);
    expect(mayTransfer(me(false, { interactions: { import: 'all' } }))).toBe(true);
    expect(mayTransfer(me(false, { customers: { read: 'all', edit: 'all' } }))).toBe(false);
  });

  it('offers only the objects the role may import or export', () => {
    const sales = me(false, { customers: { export: 'own' } });
    expect(importObjectsFor(sales)).toEqual([]);
    expect(exportObjectsFor(sales).map((o) => o.value)).toEqual(['customers', 'products', 'orders']);
    expect(exportObjectsFor(me(false, { companies: { import: 'all' } }))).toEqual([]);
    const marketing = me(false, { customers: { import: 'all', export: 'all' }, companies: { export: 'all' } });
    expect(importObjectsFor(marketing).map((o) => o.value)).toEqual(['customers', 'orders']);
    expect(importObjectsFor(me(true, {})).map((o) => o.value)).toEqual([
      'customers', 'companies', 'products', 'orders', 'interactions', 'reviews', 'loyalty_balances', 'loyalty_vouchers',
    ]);
  });
});
