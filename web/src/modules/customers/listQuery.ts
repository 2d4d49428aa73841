// What the customers list shows: search text, sort, filter tree and columns — kept as one value
// so it can be saved as a view, put in a shareable link and turned into the API request.
// Pure; unit-tested.

export type Op = 'eq' | 'neq' | 'lt' | 'lte' | 'gt' | 'gte' | 'in' | 'contains' | 'starts_with' | 'exists';

export interface Condition {
  field: string;
  op: Op;
  value: string;
}

/** A nested group: (a OR b) inside the top-level AND, or the other way round. */
export interface Group {
  match: 'and' | 'or';
  conditions: Condition[];
}

export type FilterNode = Condition | Group;

export function isGroup(node: FilterNode): node is Group {
  return (node as Group).conditions !== undefined;
}

export interface ListView {
  q: string;
  sort: string;
  match: 'and' | 'or';
  conditions: FilterNode[];
  columns: string[];
}

export const DEFAULT_COLUMNS = ['email', 'phone', 'lifecycle_stage', 'tags', 'updated_at'];

export const ALL_COLUMNS: { key: string; label: string }[] = [
  { key: 'email', label: 'Email' },
  { key: 'phone', label: 'Phone' },
  { key: 'lifecycle_stage', label: 'Stage' },
  { key: 'tags', label: 'Tags' },
  { key: 'owner_id', label: 'Owner' },
  { key: 'language', label: 'Language' },
  { key: 'created_at', label: 'Created' },
  { key: 'updated_at', label: 'Updated' },
];

export const SORTS: { value: string; label: string }[] = [
  { value: 'display_name', label: 'Name A–Z' },
  { value: '-display_name', label: 'Name Z–A' },
  { value: 'last_name', label: 'Last name' },
  { value: '-updated_at', label: 'Recently updated' },
  { value: '-created_at', label: 'Newest' },
  { value: 'created_at', label: 'Oldest' },
  { value: '-total_spent', label: 'Top spenders' },
  { value: '-order_count', label: 'Most orders' },
  { value: '-last_purchase_at', label: 'Recent buyers' },
  { value: 'health_score', label: 'Lowest health' },
];

export type FieldKind = 'text' | 'number' | 'date' | 'instant' | 'boolean';

export const FILTER_FIELDS: { key: string; label: string; kind: FieldKind }[] = [
  { key: 'lifecycle_stage', label: 'Lifecycle stage', kind: 'text' },
  { key: 'tags', label: 'Tag', kind: 'text' },
  { key: 'email', label: 'Email', kind: 'text' },
  { key: 'phone', label: 'Phone', kind: 'text' },
  { key: 'first_name', label: 'First name', kind: 'text' },
  { key: 'last_name', label: 'Last name', kind: 'text' },
  { key: 'owner_id', label: 'Owner id', kind: 'text' },
  { key: 'company_id', label: 'Company id', kind: 'text' },
  { key: 'language', label: 'Language', kind: 'text' },
  { key: 'preferred_channel', label: 'Preferred channel', kind: 'text' },
  { key: 'created_at', label: 'Created', kind: 'instant' },
  { key: 'updated_at', label: 'Updated', kind: 'instant' },
  { key: 'interaction_count', label: 'Interactions', kind: 'number' },
  { key: 'last_contact_at', label: 'Last contact', kind: 'instant' },
  { key: 'churn_risk', label: 'Churn risk', kind: 'text' },
  { key: 'health_score', label: 'Health score', kind: 'number' },
  { key: 'nps_last', label: 'Latest NPS', kind: 'number' },
  { key: 'bad_experiences_open', label: 'Open bad experiences', kind: 'number' },
];

export const OPS: { value: Op; label: string }[] = [
  { value: 'eq', label: 'is' },
  { value: 'neq', label: 'is not' },
  { value: 'contains', label: 'contains' },
  { value: 'starts_with', label: 'starts with' },
  { value: 'in', label: 'is one of (comma-separated)' },
  { value: 'gt', label: 'greater / after' },
  { value: 'gte', label: 'at least / from' },
  { value: 'lt', label: 'less / before' },
  { value: 'lte', label: 'at most / until' },
  { value: 'exists', label: 'is set (yes/no)' },
];

export function defaultView(): ListView {
  return { q: '', sort: 'display_name', match: 'and', conditions: [], columns: DEFAULT_COLUMNS };
}

function typed(value: string, kind: FieldKind): unknown {
  const text = value.trim();
  if (kind === 'number') {
    const n = Number(text);
    return text !== '' && Number.isFinite(n) ? n : text;
  }
  if (kind === 'boolean') return text === 'true' || text === 'yes';
  if (kind === 'instant' && /^\d{4}-\d{2}-\d{2}$/.test(text)) return `${text}T00:00:00Z`;
  return text;
}

function conditionNode(c: Condition, kinds: Record<string, FieldKind>): unknown {
  const kind = kinds[c.field] ?? 'text';
  if (c.op === 'exists') return { field: c.field, op: 'exists', value: !/^(no|false)$/i.test(c.value.trim()) };
  if (c.op === 'in') {
    return { field: c.field, op: 'in', value: c.value.split(',').map((v) => typed(v, kind)).filter((v) => v !== '') };
  }
  return { field: c.field, op: c.op, value: typed(c.value, kind) };
}

function complete(c: Condition): boolean {
  return Boolean(c.field) && (c.op === 'exists' || c.value.trim() !== '');
}

function combine(match: 'and' | 'or', nodes: unknown[]): unknown {
  if (nodes.length === 0) return null;
  if (nodes.length === 1) return nodes[0];
  return { [match]: nodes };
}

/** The kind of every field a filter may name: the standard ones and the custom fields. */
export function filterKinds(customFields: { key: string; type: string }[]): Record<string, FieldKind> {
  const map: Record<string, FieldKind> = {};
  for (const f of FILTER_FIELDS) map[f.key] = f.kind;
  for (const f of customFields) {
    map[`custom_fields.${f.key}`] = f.type === 'number' ? 'number' : f.type === 'boolean' ? 'boolean' : f.type === 'date' ? 'date' : 'text';
  }
  return map;
}

/** The filter tree of docs/design/filters.md, or null when no condition is complete. */
export function buildFilter(view: ListView, kinds: Record<string, FieldKind>): unknown {
  const nodes = view.conditions
    .map((node) =>
      isGroup(node)
        ? combine(node.match, node.conditions.filter(complete).map((c) => conditionNode(c, kinds)))
        : complete(node)
          ? conditionNode(node, kinds)
          : null,
    )
    .filter((node) => node !== null);
  return combine(view.match, nodes);
}

function readCondition(c: unknown): Condition | null {
  const o = c as Condition;
  if (typeof o?.field !== 'string' || typeof o?.op !== 'string') return null;
  return { field: o.field, op: o.op, value: String(o.value ?? '') };
}

function readNode(n: unknown): FilterNode | null {
  const g = n as Group;
  if (Array.isArray(g?.conditions)) {
    return {
      match: g.match === 'or' ? 'or' : 'and',
      conditions: g.conditions.map(readCondition).filter((c): c is Condition => c !== null),
    };
  }
  return readCondition(n);
}

/** A view as a URL-safe string, for links that open the list exactly so. */
export function encodeView(view: ListView): string {
  const bytes = new TextEncoder().encode(JSON.stringify(view));
  let binary = '';
  bytes.forEach((b) => (binary += String.fromCharCode(b)));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeView(text: string): ListView | null {
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const parsed = JSON.parse(new TextDecoder().decode(bytes));
    const base = defaultView();
    if (typeof parsed !== 'object' || parsed === null) return null;
    return {
      q: typeof parsed.q === 'string' ? parsed.q : base.q,
      sort: typeof parsed.sort === 'string' ? parsed.sort : base.sort,
      match: parsed.match === 'or' ? 'or' : 'and',
      conditions: Array.isArray(parsed.conditions) ? parsed.conditions.map(readNode).filter((n: FilterNode | null) => n !== null) : [],
      columns: Array.isArray(parsed.columns) ? parsed.columns.filter((c: unknown) => typeof c === 'string') : base.columns,
    };
  } catch {
    return null;
  }
}

/** Which rows to render for a scroll position: the visible window plus an overscan margin. */
export function visibleRange(scrollTop: number, viewport: number, rowHeight: number, total: number, overscan = 8) {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(total, Math.ceil((scrollTop + viewport) / rowHeight) + overscan);
  return { first, last };
}
