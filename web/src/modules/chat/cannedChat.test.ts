import { describe, expect, it } from 'vitest';
import { fillChatReply } from './cannedChat';

describe('fillChatReply', () => {
  it('fills the agent and the visitor\'s name and leaves ticket fields empty', () => {
    expect(fillChatReply('Hi {{customer.first_name}}, {{ agent.name }} here ({{agent.email}}). Ticket #{{ticket.number}}.', {
      agentName: 'Ada', agentEmail: 'ada@staff.example', visitorName: 'Ann Lee',
    })).toBe('Hi Ann, Ada here (ada@staff.example). Ticket #.');
    expect(fillChatReply('{{customer.last_name}}|{{customer.name}}', { visitorName: ' Ann  Marie Lee ' })).toBe('Marie Lee|Ann  Marie Lee');
  });

  it('greets an anonymous visitor without a name and keeps text that is no field', () => {
    expect(fillChatReply('Hi {{customer.first_name}}! <b>{not a field}</b>', {})).toBe('Hi ! <b>{not a field}</b>');
  });
});
