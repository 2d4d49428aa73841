// Component tests in jsdom: what a user of a screen reader and a sighted user get from a field.
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { Field } from './Field';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLDivElement;
afterEach(() => container?.remove());

function render(element: React.ReactElement) {
  container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  act(() => root.render(element));
  return root;
}

describe('Field', () => {
  it('labels its input and announces its error, tied by aria-describedby', () => {
    render(<Field label="Email 1" value="x" onChange={() => undefined} error="must be a valid email address" />);
    const input = container.querySelector('input')!;
    const label = container.querySelector('label')!;
    expect(label.htmlFor).toBe(input.id);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const error = document.getElementById(input.getAttribute('aria-describedby')!)!;
    expect(error.textContent).toBe('must be a valid email address');
    expect(error.getAttribute('role')).toBe('alert');
  });

  it('shows a hint instead when there is no error', () => {
    render(<Field label="Tags" hint="Separate with commas" value="" onChange={() => undefined} />);
    expect(container.querySelector('input')!.hasAttribute('aria-invalid')).toBe(false);
    expect(container.textContent).toContain('Separate with commas');
  });
});
