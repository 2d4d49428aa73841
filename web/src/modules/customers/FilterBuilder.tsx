// The filter builder: conditions over standard and custom fields, joined by all/any, sent to the
// server's filter language (docs/design/filters.md). A condition the server refuses is marked.
import type { ApiError } from '../../api/client';
import type { CustomField } from '../../api/types';
import { FILTER_FIELDS, OPS, type Condition, type ListView, type Op } from './listQuery';

interface Props {
  view: ListView;
  customFields: CustomField[];
  onChange: (conditions: Condition[], match: 'and' | 'or') => void;
  error?: ApiError;
}

export function FilterBuilder({ view, customFields, onChange, error }: Props) {
  const fields = [
    ...FILTER_FIELDS.map((f) => ({ key: f.key, label: f.label })),
    ...customFields.map((f) => ({ key: `custom_fields.${f.key}`, label: `${f.label} (custom)` })),
  ];
  const update = (index: number, change: Partial<Condition>) =>
    onChange(view.conditions.map((c, i) => (i === index ? { ...c, ...change } : c)), view.match);
  const remove = (index: number) => onChange(view.conditions.filter((_, i) => i !== index), view.match);
  const add = () => onChange([...view.conditions, { field: 'lifecycle_stage', op: 'eq', value: '' }], view.match);
  // The server names the failing node: filter.and[1].value → condition 1.
  const failing = (index: number): string | undefined => {
    if (!error) return undefined;
    for (const [path, message] of Object.entries(error.fieldErrors)) {
      const m = /^filter(?:\.(?:and|or)\[(\d+)\])?\.(\w+)/.exec(path);
      if (m && Number(m[1] ?? 0) === index) return `${m[2]} ${message}`;
    }
    return undefined;
  };
  return (
    <fieldset className="filter-builder">
      <legend>Filters</legend>
      {view.conditions.length > 1 && (
        <label>
          Match{' '}
          <select value={view.match} onChange={(e) => onChange(view.conditions, e.target.value as 'and' | 'or')}>
            <option value="and">all conditions</option>
            <option value="or">any condition</option>
          </select>
        </label>
      )}
      {view.conditions.map((condition, index) => {
        const problem = failing(index);
        return (
          <div key={index} className={problem ? 'condition condition-invalid' : 'condition'}>
            <label>
              <span className="visually-hidden">Field of condition {index + 1}</span>
              <select value={condition.field} onChange={(e) => update(index, { field: e.target.value })}>
                {fields.map((f) => (
                  <option key={f.key} value={f.key}>
                    {f.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span className="visually-hidden">Operator of condition {index + 1}</span>
              <select value={condition.op} onChange={(e) => update(index, { op: e.target.value as Op })}>
                {OPS.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span className="visually-hidden">Value of condition {index + 1}</span>
              <input
                value={condition.value}
                placeholder={condition.op === 'exists' ? 'yes or no' : 'value'}
                onChange={(e) => update(index, { value: e.target.value })}
                aria-invalid={problem ? true : undefined}
              />
            </label>
            <button type="button" className="small" aria-label={`Remove condition ${index + 1}`} onClick={() => remove(index)}>
              Remove
            </button>
            {problem && (
              <span className="field-error" role="alert">
                {problem}
              </span>
            )}
          </div>
        );
      })}
      <button type="button" onClick={add}>
        Add condition
      </button>
    </fieldset>
  );
}
