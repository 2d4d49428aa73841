// The shapes the server serves (docs/api.md). Only what the app reads is typed.

export type Level = 'all' | 'team' | 'own' | 'none';
export type ObjectName = 'customers' | 'companies' | 'interactions' | 'audit';
export type ActionName = 'read' | 'create' | 'edit' | 'delete' | 'export' | 'import';

export interface Access {
  admin: boolean;
  grants: Record<ObjectName, Record<ActionName, Level>>;
  fields: Partial<Record<ObjectName, Record<string, 'hidden' | 'read_only'>>>;
}

export interface User {
  id: string;
  email: string;
  name: string;
  status: 'active' | 'disabled';
  roles: string[];
  teams: string[];
  created_at: string;
  last_sign_in_at: string | null;
  version: number;
}

export interface Me {
  actor: string;
  user?: User;
  session_id?: string;
  csrf_token?: string;
  access: Access;
}

export interface Email { address: string; label?: string | null; primary?: boolean }
export interface Phone { number: string; label?: string | null; primary?: boolean }
export interface Address {
  label?: string | null; line1?: string | null; line2?: string | null; city?: string | null;
  region?: string | null; postal_code?: string | null; country?: string | null;
}

export interface ConsentState { status: string; recorded_at?: string | null; source?: string | null }

export interface Customer {
  id: string;
  first_name: string | null;
  last_name: string | null;
  display_name: string;
  birthday?: string | null;
  language?: string | null;
  time_zone?: string | null;
  company_id: string | null;
  owner_id: string | null;
  lifecycle_stage: string;
  relationship_type?: string | null;
  preferred_channel?: string | null;
  emails: Email[];
  phones: Phone[];
  addresses?: Address[];
  tags: string[];
  custom_fields: Record<string, unknown>;
  consent: Record<string, Record<string, ConsentState>>;
  external_id?: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface Company {
  id: string;
  name: string;
  domain: string | null;
  industry?: string | null;
  size?: string | null;
  address?: Address | null;
  owner_id: string | null;
  tags: string[];
  custom_fields: Record<string, unknown>;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface Interaction {
  id: string;
  customer_id: string;
  channel: string;
  direction: string;
  kind: string;
  subject: string | null;
  body?: string | null;
  occurred_at: string;
  duration_seconds: number | null;
  staff_id: string | null;
  sentiment: string;
}

export interface CustomerValue {
  order_count: number;
  total_spent: string;
  average_order_value: string;
  first_purchase_at: string | null;
  last_purchase_at: string | null;
  days_since_last_purchase: number | null;
  favourite_category: string | null;
  lifetime_value: string;
}

export interface OrderLine {
  sku: string | null;
  description: string;
  category: string | null;
  quantity: number;
  unit_price: string;
  discount: string;
  line_total: string;
}

export interface Order {
  id: string;
  external_id: string | null;
  placed_at: string;
  status: string;
  currency: string;
  channel: string;
  total: string;
  refunded: string;
  lines: OrderLine[];
}

export interface Overview {
  customer: Customer;
  company: Company | null;
  consent: Customer['consent'];
  interaction_counts: Record<string, number> | null;
  interaction_total: number | null;
  last_contact_at: string | null;
  timeline: Interaction[];
  value?: CustomerValue;
}

export interface AuditEntry {
  seq: number;
  occurred_at: string;
  actor: string;
  via: string;
  action: string;
  object_type: string;
  object_id: string;
  changes: { field: string; old: unknown; new: unknown }[];
}

export interface CustomField {
  object_type: 'customer' | 'company' | 'product';
  key: string;
  label: string;
  type: 'text' | 'number' | 'date' | 'boolean' | 'select';
  options: string[];
  required: boolean;
  sensitive: boolean;
  created_at?: string;
  version: number;
}
