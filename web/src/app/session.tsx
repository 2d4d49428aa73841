// Who is signed in and what they may do, shared by every screen. The server enforces access;
// the app only reflects it (hides what would be refused).
import { createContext, useContext } from 'react';
import type { ActionName, Me, ObjectName } from '../api/types';

export interface Session {
  me: Me;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in app');
  return session;
}

/** Whether the caller's roles grant `action` on `object` at any level. */
export function can(me: Me, object: ObjectName, action: ActionName): boolean {
  return (me.access.grants[object]?.[action] ?? 'none') !== 'none';
}

export function fieldRule(me: Me, object: ObjectName, field: string): 'hidden' | 'read_only' | 'visible' {
  return me.access.fields[object]?.[field] ?? 'visible';
}
