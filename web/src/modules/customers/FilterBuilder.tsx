// The filter builder: conditions over standard and custom fields, joined by all/any, with nested
// groups ("stage is customer AND (tag is vip OR tag is gold)"), sent to the server's filter
// language (docs/design/filters.md). A condition the server refuses is marked where it is.
import type { ApiError } from '../../api/client';
import type { CustomField } from '../../api/types';
import { FILTER_FIELDS, OPS, isGroup, type Condition, type FilterNode, type Group, type ListView, type Op } from './listQuery';

interface Props {
  view: ListView;
  customFields: CustomField[];
  onChange: (conditions: FilterNode[], match: 'and' | 'or') => void;
  error?: ApiError;
}

const blank = (): Condition => ({ field: 'lifecycle_stage', op: 'eq', value: '' });

/** The server's message for the node at `indexes` ("filter.and[1].or[0].value" → [1, 0]). */
function problemAt(error: ApiError | undefined, indexes: number[], topCount: number): string | undefined {
  if (!error) return undefined;
  for (const [path, message] of Object.entries(error.fieldErrors)) {
    const found = [...path.matchAll(/\.(?:and|or)\[(\d+)\]/g)].map((m) => Number(m[1]));
    const field = /\.(field|op|value)$/.exec(path)?.[1] ?? '';
    // A single top-level condition is sent bare, without an and/or around it.
    const at = topCount === 1 && indexes.length === 1 ? [0] : found;
    if (at.length === indexes.length && at.every((v, i) => v === indexes[i])) return `${field} ${message}`.trim();
  }
  return undefined;
}

export function FilterBuilder({ view, customFields, onChange, error }: Props) {
  const fields = [
    ...FILTER_FIELDS.map((f) => ({ key: f.key, label: f.label })),
    ...customFields.map((f) => ({ key: `custom_fields.${f.key}`, label: `${f.label} (custom)` })),
  ];
  const setTop = (conditions: FilterNode[]) => onChange(conditions, view.match);

  const row = (condition: Condition, label: string, problem: string | undefined, change: (c: Condition) => void, remove: () => void) => (
    <div className={problem ? 'condition condition-invalid' : 'condition'}>
      <label>
        <span className="visually-hidden">Field of condition {label}</span>
        <select value={condition.field} onChange={(e) => change({ ...condition, field: e.target.value })}>
          {fields.map((f) => (
            <option key={f.key} value={f.key}>
              {f.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="visually-hidden">Operator of condition {label}</span>
        <select value={condition.op} onChange={(e) => change({ ...condition, op: e.target.value as Op })}>
          {OPS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="visually-hidden">Value of condition {label}</span>
        <input
          value={condition.value}
          placeholder={condition.op === 'exists' ? 'yes or no' : 'value'}
          onChange={(e) => change({ ...condition, value: e.target.value })}
          aria-invalid={problem ? true : undefined}
        />
      </label>
      <button type="button" className="small" aria-label={`Remove condition ${label}`} onClick={remove}>
        Remove
      </button>
      {problem && (
        <span className="field-error" role="alert">
          {problem}
        </span>
      )}
    </div>
  );

  const group = (node: Group, index: number) => {
    const replace = (next: Group | null) =>
      setTop(next === null ? view.conditions.filter((_, i) => i !== index) : view.conditions.map((c, i) => (i === index ? next : c)));
    return (
      <fieldset className="filter-group" key={index}>
        <legend>
          <label>
            Group {index + 1}: match{' '}
            <select value={node.match} onChange={(e) => replace({ ...node, match: e.target.value as 'and' | 'or' })}>
              <option value="or">any of</option>
              <option value="and">all of</option>
            </select>
          </label>
        </legend>
        {node.conditions.map((condition, j) => (
          <div key={j}>
            {row(
              condition,
              `${index + 1}.${j + 1}`,
              problemAt(error, [index, j], view.conditions.length),
              (c) => replace({ ...node, conditions: node.conditions.map((x, k) => (k === j ? c : x)) }),
              () => {
                const rest = node.conditions.filter((_, k) => k !== j);
                replace(rest.length ? { ...node, conditions: rest } : null);
              },
            )}
          </div>
        ))}
        <button type="button" className="small" onClick={() => replace({ ...node, conditions: [...node.conditions, blank()] })}>
          Add to group
        </button>
      </fieldset>
    );
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
      {view.conditions.map((node, index) =>
        isGroup(node) ? (
          group(node, index)
        ) : (
          <div key={index}>
            {row(
              node,
              String(index + 1),
              problemAt(error, [index], view.conditions.length),
              (c) => setTop(view.conditions.map((x, i) => (i === index ? c : x))),
              () => setTop(view.conditions.filter((_, i) => i !== index)),
            )}
          </div>
        ),
      )}
      <div className="actions">
        <button type="button" onClick={() => setTop([...view.conditions, blank()])}>
          Add condition
        </button>
        <button type="button" onClick={() => setTop([...view.conditions, { match: 'or', conditions: [blank(), blank()] }])}>
          Add group
        </button>
      </div>
    </fieldset>
  );
}
