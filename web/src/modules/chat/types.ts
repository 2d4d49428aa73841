// The chat's shapes, from the server's OpenAPI document (schema.d.ts), and the inbox's views.
import type { components } from '../../api/schema';

export type ChatConversation = components['schemas']['ChatConversation'];
export type ChatMessage = components['schemas']['ChatMessage'];
export type ChatWithMessages = components['schemas']['ChatConversationWithMessages'];

export const CHAT_VIEWS = ['waiting', 'mine', 'all'] as const;
export type ChatView = (typeof CHAT_VIEWS)[number];

/** The conversation id a `chat.*` event is about. */
export function eventChatId(event: { aggregate_type: string; aggregate_id: string }): string | null {
  return event.aggregate_type === 'chat' ? event.aggregate_id : null;
}

/** Merges newly fetched messages into the shown ones: by seq, no repeats, in order. */
export function mergeMessages(shown: ChatMessage[], fetched: ChatMessage[]): ChatMessage[] {
  const bySeq = new Map(shown.map((m) => [m.seq, m]));
  for (const message of fetched) bySeq.set(message.seq, message);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

export type ChatSettings = components['schemas']['ChatSettings'];
export type BotSettings = components['schemas']['ChatBotSettings'];
export type BotFlow = components['schemas']['ChatBotFlow'];
export type BotStep = BotFlow['steps'][number];
export type BotButton = components['schemas']['ChatBotFlowButton'];
