// What may be imported and exported, and by whom: the server decides (docs/design/access.md),
// the screen only offers what the caller's grants from /auth/me allow.
import type { Me, ObjectName } from '../../api/types';
import { can } from '../../app/session';

export type ImportMode = 'create' | 'update' | 'upsert';

export interface ImportObject {
  value: string;
  label: string;
  /** Match keys, the default first; none for interactions (always created). */
  matches: { value: string; label: string }[];
  modes: ImportMode[];
  vcard: boolean;
  /** The column names the automatic mapping knows (aliases too). */
  columns: string;
  allowed: (me: Me) => boolean;
}

export const MODE_LABELS: Record<ImportMode, string> = {
  create: 'Create new records',
  update: 'Update existing records only',
  upsert: 'Update existing, create the rest',
};

const ALL_MODES: ImportMode[] = ['create', 'update', 'upsert'];

export const IMPORT_OBJECTS: ImportObject[] = [
  {
    value: 'customers',
    label: 'Customers',
    matches: [
      { value: 'email', label: 'Email address' },
      { value: 'external_id', label: 'External ID' },
    ],
    modes: ALL_MODES,
    vcard: true,
    columns: 'first_name, last_name, email, phone, mobile, company, tags, external_id, birthday, address, city, postal_code, country',
    allowed: (me) => can(me, 'customers', 'import'),
  },
  {
    value: 'companies',
    label: 'Companies',
    matches: [{ value: 'domain', label: 'Domain' }],
    modes: ALL_MODES,
    vcard: false,
    columns: 'name, domain, industry, size, tags',
    allowed: (me) => can(me, 'companies', 'import'),
  },
  {
    value: 'products',
    label: 'Products',
    matches: [{ value: 'sku', label: 'SKU' }],
    modes: ALL_MODES,
    vcard: false,
    columns: 'sku, name, category, price, currency, active',
    allowed: (me) => me.access.admin,
  },
  {
    value: 'orders',
    label: 'Orders',
    matches: [{ value: 'external_id', label: 'Order ID (external_id)' }],
    modes: ['create', 'upsert'],
    vcard: false,
    columns: 'order_id, customer_id or email, date, status, currency, sku, quantity, unit_price, line_total',
    allowed: (me) => can(me, 'customers', 'import'),
  },
  {
    value: 'interactions',
    label: 'Interactions',
    matches: [],
    modes: ['create'],
    vcard: false,
    columns: 'customer_id or email, channel, direction, kind, subject, body, occurred_at',
    allowed: (me) => can(me, 'interactions', 'import'),
  },
  {
    value: 'reviews',
    label: 'Reviews',
    matches: [],
    modes: ['create'],
    vcard: false,
    columns: 'customer_id or email, rating, title, text, sku, source, source_url, language, status',
    allowed: (me) => can(me, 'reviews', 'import'),
  },
  {
    value: 'loyalty_balances',
    label: 'Loyalty balances (opening)',
    matches: [],
    modes: ['create'],
    vcard: false,
    columns: 'customer_id or email, programme, points, expires_on, note',
    allowed: (me) => can(me, 'loyalty', 'import'),
  },
  {
    value: 'loyalty_vouchers',
    label: 'Loyalty vouchers',
    matches: [],
    modes: ['create'],
    vcard: false,
    columns: 'code, type, amount, percent, currency, min_order, expires_at, customer_id or email, max_uses',
    allowed: (me) => can(me, 'loyalty', 'import') && can(me, 'loyalty_programmes', 'create'),
  },
];

export interface ExportObject {
  value: string;
  label: string;
  formats: { value: string; label: string }[];
  /** Takes a search (`q`) to narrow the records. */
  search: boolean;
  allowed: (me: Me) => boolean;
}

const CSV = { value: 'csv', label: 'CSV (spreadsheets)' };
const NDJSON = { value: 'ndjson', label: 'NDJSON (one JSON record a line)' };
const VCARD = { value: 'vcard', label: 'vCard (address books)' };

const mayExportAnything = (me: Me) => (['customers', 'companies', 'interactions'] as ObjectName[]).some((o) => can(me, o, 'export'));

export const EXPORT_OBJECTS: ExportObject[] = [
  { value: 'customers', label: 'Customers', formats: [CSV, NDJSON, VCARD], search: true, allowed: (me) => can(me, 'customers', 'export') },
  { value: 'companies', label: 'Companies', formats: [CSV, NDJSON], search: true, allowed: (me) => can(me, 'companies', 'export') },
  { value: 'products', label: 'Products', formats: [CSV, NDJSON], search: true, allowed: mayExportAnything },
  { value: 'orders', label: 'Orders', formats: [CSV, NDJSON], search: false, allowed: (me) => can(me, 'customers', 'export') },
  { value: 'interactions', label: 'Interactions', formats: [CSV, NDJSON], search: false, allowed: (me) => can(me, 'interactions', 'export') },
  { value: 'survey_answers', label: 'Survey answers', formats: [CSV, NDJSON], search: false, allowed: (me) => can(me, 'surveys', 'export') },
  { value: 'reviews', label: 'Reviews', formats: [CSV, NDJSON], search: false, allowed: (me) => can(me, 'reviews', 'export') },
];

export function importObjectsFor(me: Me): ImportObject[] {
  return IMPORT_OBJECTS.filter((o) => me.access.admin || o.allowed(me));
}

export function exportObjectsFor(me: Me): ExportObject[] {
  return EXPORT_OBJECTS.filter((o) => me.access.admin || o.allowed(me));
}

/** Whether the Import & export screen has anything for the caller (the navigation entry). */
export function mayTransfer(me: Me): boolean {
  if (me.access.admin) return true;
  return Object.values(me.access.grants ?? {}).some(
    (actions) => (actions?.import ?? 'none') !== 'none' || (actions?.export ?? 'none') !== 'none',
  );
}

export function objectLabel(value: string): string {
  return IMPORT_OBJECTS.find((o) => o.value === value)?.label ?? value.charAt(0).toUpperCase() + value.slice(1);
}
