import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setCsrfToken } from '../../api/client';
import type { ActionName, Level, Me } from '../../api/types';
import { ImportForm } from './ImportForm';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const all: Record<ActionName, Level> = { read: 'all', create: 'all', edit: 'all', delete: 'all', export: 'all', import: 'all' };
const admin = { actor: 'usr_1', access: { admin: true, fields: {}, grants: { customers: all, companies: all, interactions: all, audit: all } } } as Me;

let container: HTMLDivElement;
let root: Root;
let calls: { url: string; init: RequestInit }[];
let answer: () => Response;

beforeEach(() => {
  calls = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return answer();
    }),
  );
  setCsrfToken('csrf-123');
  container = document.createElement('div');
  document.body.appendChild(container);
  root = createRoot(container);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

const control = (label: string) => {
  const l = [...container.querySelectorAll('label')].find((x) => x.textContent?.trim().startsWith(label))!;
  return (l.htmlFor ? document.getElementById(l.htmlFor) : l.querySelector('input'))! as HTMLInputElement & HTMLSelectElement;
};

async function chooseFile(file: File) {
  const input = control('File');
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(async () => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await act(async () => new Promise((r) => setTimeout(r, 0)));
}

function submit() {
  return act(async () => {
    container.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}

describe('ImportForm', () => {
  it('sends the file as the body with the options in the query, the CSRF header and the CSV type', async () => {
    answer = () => new Response(JSON.stringify({ id: 'imp_9', status: 'queued' }), { status: 202, headers: { 'Content-Type': 'application/json' } });
    const onStarted = vi.fn();
    await act(async () => root.render(<ImportForm me={admin} onStarted={onStarted} />));
    await submit();
    expect(container.textContent).toContain('Choose a CSV or vCard file to import.');
    expect(calls).toHaveLength(0);

    const file = new File(['name,domain\r\nAcme,acme.example\r\n'], 'firms.csv', { type: 'text/csv' });
    await chooseFile(file);
    expect(container.textContent).toContain('columns: name, domain');
    const object = control('Records in the file');
    await act(async () => {
      object.value = 'companies';
      object.dispatchEvent(new Event('change', { bubbles: true }));
    });
    const mode = control('Mode');
    await act(async () => {
      mode.value = 'upsert';
      mode.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await submit();

    expect(calls).toHaveLength(1);
    const url = new URL(calls[0].url, 'http://x');
    expect(url.pathname).toBe('/api/v1/imports');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      object: 'companies',
      mode: 'upsert',
      match: 'domain',
      dry_run: 'true',
      format: 'csv',
      file_name: 'firms.csv',
    });
    expect(calls[0].init.method).toBe('POST');
    expect(calls[0].init.body).toBe(file);
    expect(calls[0].init.headers).toMatchObject({ 'Content-Type': 'text/csv', 'X-CSRF-Token': 'csrf-123' });
    expect(onStarted).toHaveBeenCalledWith({ id: 'imp_9', status: 'queued' });
  });

  it('shows a refused option at its field', async () => {
    answer = () =>
      new Response(
        JSON.stringify({ status: 422, detail: 'must be email or external_id for customers', errors: [{ field: 'match', message: 'must be email or external_id for customers' }] }),
        { status: 422, headers: { 'Content-Type': 'application/problem+json' } },
      );
    await act(async () => root.render(<ImportForm me={admin} onStarted={() => undefined} />));
    await chooseFile(new File(['BEGIN:VCARD\r\nFN:Ana\r\nEND:VCARD\r\n'], 'ana.vcf', { type: 'text/vcard' }));
    await submit();
    expect(calls[0].init.headers).toMatchObject({ 'Content-Type': 'text/vcard' });
    expect(new URL(calls[0].url, 'http://x').searchParams.get('format')).toBe('vcard');
    const match = control('Match existing records by');
    expect(match.getAttribute('aria-invalid')).toBe('true');
    expect(match.parentElement!.textContent).toContain('must be email or external_id for customers');
  });
});
