// Shapes served by the settings endpoints (docs/api.md: sessions, tokens, users, teams, roles).
import type { ActionName, Level, ObjectName, User } from '../../api/types';

export interface SignInSession {
  id: string;
  created_at: string;
  last_seen_at: string | null;
  expires_at: string;
  address: string | null;
  user_agent: string | null;
  current: boolean;
}

export interface Token {
  id: string;
  name: string;
  prefix: string;
  user_id: string | null;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
  scopes: string[] | null;
}

export interface NewToken extends Token {
  /** The secret, served in this one response only. */
  token: string;
}

export interface NewUser extends User {
  /** Only when the account was created without a password. */
  initial_password?: string;
}

export interface Team {
  id: string;
  name: string;
  member_count: number;
  version: number;
}

export interface Role {
  name: string;
  description: string | null;
  built_in: boolean;
  grants: Partial<Record<ObjectName, Partial<Record<ActionName, Level>>>>;
  fields: Partial<Record<ObjectName, Record<string, 'hidden' | 'read_only'>>>;
  version?: number;
}

export interface ListOf<T> {
  data: T[];
}

export const OBJECTS: ObjectName[] = ['customers', 'companies', 'interactions', 'audit', 'tickets', 'queues', 'canned_replies', 'sla_policies', 'knowledge_base', 'tasks', 'surveys', 'reviews', 'loyalty', 'loyalty_programmes'];
export const ACTIONS: ActionName[] = ['read', 'create', 'edit', 'delete', 'export', 'import'];
