// Canned replies in the chat composer. The desk's canned replies (GET /support/canned-replies) are
// rendered by the server for a ticket; a chat has no ticket, so their merge fields are filled here
// from what the chat knows: the agent, and the name the visitor typed (a claim, but it is only a
// greeting). Ticket fields are left empty. The text stays plain: the composer shows it as text.
export interface ChatFillValues {
  agentName?: string | null;
  agentEmail?: string | null;
  visitorName?: string | null;
}

export function fillChatReply(body: string, values: ChatFillValues): string {
  const name = (values.visitorName ?? '').trim();
  const space = name.indexOf(' ');
  const fields: Record<string, string> = {
    'customer.first_name': space < 0 ? name : name.slice(0, space),
    'customer.last_name': space < 0 ? '' : name.slice(space + 1).trim(),
    'customer.name': name,
    'agent.name': values.agentName ?? '',
    'agent.email': values.agentEmail ?? '',
  };
  return body.replace(/\{\{\s*([a-z_.]+)\s*\}\}/g, (_, field: string) => fields[field] ?? '');
}
