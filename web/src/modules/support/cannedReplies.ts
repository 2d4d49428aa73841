// Canned replies (macros) in the composer: the list the caller may use (GET
// /support/canned-replies), one filled in for the ticket (POST /tickets/{id}/canned-replies/{reply}/render:
// plain text and its actions), and the actions the reply carries. The status goes with the
// reply itself ("then set"); priority and tags are applied to the ticket once the reply is in,
// with the version the reply answered, so a colleague's change meanwhile is never overwritten.
import { api, ApiError } from '../../api/client';
import { useResource } from '../../api/useResource';
import type { components } from '../../api/schema';
import type { Ticket } from './types';

export type CannedReply = components['schemas']['CannedReply'];
export type CannedActions = NonNullable<CannedReply['actions']>;

/** The canned replies, or null when the caller may use none (the endpoint refuses). */
export function useCannedReplies(): CannedReply[] | null {
  const loaded = useResource(
    (signal) =>
      api<{ data: CannedReply[] }>('GET', '/support/canned-replies', { signal }).then(
        (r) => r.data,
        (e: unknown) => {
          if (e instanceof ApiError && (e.status === 404 || e.status === 403)) return null;
          throw e;
        },
      ),
    'canned',
  );
  return loaded.data ?? null;
}

/** The reply filled in for this ticket; its raw text and actions when rendering fails. */
export async function renderCanned(reply: CannedReply, ticketId: string): Promise<{ body: string; actions: CannedActions }> {
  try {
    return await api<{ body: string; actions: CannedActions }>('POST', `/tickets/${ticketId}/canned-replies/${reply.id}/render`);
  } catch {
    return { body: reply.body ?? '', actions: reply.actions ?? {} };
  }
}

/** The change the actions make to `ticket` besides its status, or null when they make none. */
export function actionPatch(ticket: Ticket, actions: CannedActions): Record<string, unknown> | null {
  const patch: Record<string, unknown> = {};
  if (actions.priority && actions.priority !== ticket.priority) patch.priority = actions.priority;
  const added = (actions.add_tags ?? []).filter((tag) => !ticket.tags.includes(tag));
  if (added.length > 0) patch.tags = [...ticket.tags, ...added];
  return Object.keys(patch).length > 0 ? patch : null;
}

/** The actions in words, for the composer to show what the reply will also do. */
export function describeActions(actions: CannedActions): string[] {
  const out: string[] = [];
  if (actions.priority) out.push(`priority ${actions.priority}`);
  if (actions.add_tags?.length) out.push(`tags ${actions.add_tags.map((t) => `+${t}`).join(' ')}`);
  return out;
}
