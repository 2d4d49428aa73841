import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client';
import { FilterBuilder } from './FilterBuilder';
import { defaultView } from './listQuery';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLDivElement;
afterEach(() => container?.remove());

function render(element: React.ReactElement) {
  container = document.createElement('div');
  document.body.appendChild(container);
  act(() => createRoot(container).render(element));
}

describe('FilterBuilder', () => {
  const view = { ...defaultView(), conditions: [
    { field: 'lifecycle_stage', op: 'eq' as const, value: 'customer' },
    { field: 'custom_fields.score', op: 'gte' as const, value: 'high' },
  ] };
  const customFields = [{ object_type: 'customer' as const, key: 'score', label: 'Score', type: 'number' as const, options: [], required: false, sensitive: false, version: 1 }];

  it('offers custom fields and marks the condition the server refused', () => {
    const error = new ApiError(422, 'invalid', { 'filter.and[1].value': 'must be a number' });
    render(<FilterBuilder view={view} customFields={customFields} onChange={() => undefined} error={error} />);
    const conditions = container.querySelectorAll('.condition');
    expect(conditions).toHaveLength(2);
    expect(conditions[0].classList.contains('condition-invalid')).toBe(false);
    expect(conditions[1].classList.contains('condition-invalid')).toBe(true);
    expect(conditions[1].textContent).toContain('value must be a number');
    expect([...container.querySelectorAll('option')].some((o) => o.textContent === 'Score (custom)')).toBe(true);
  });

  it('adds and removes conditions, and switches all/any', () => {
    const onChange = vi.fn();
    render(<FilterBuilder view={view} customFields={[]} onChange={onChange} />);
    const buttons = [...container.querySelectorAll('button')];
    act(() => buttons.find((b) => b.textContent === 'Add condition')!.click());
    expect(onChange).toHaveBeenLastCalledWith([...view.conditions, { field: 'lifecycle_stage', op: 'eq', value: '' }], 'and');
    act(() => (container.querySelector('[aria-label="Remove condition 1"]') as HTMLButtonElement).click());
    expect(onChange).toHaveBeenLastCalledWith([view.conditions[1]], 'and');
  });
});
