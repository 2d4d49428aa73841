import { describe, expect, it } from 'vitest';
import { describePath } from './BotFlowsEditor';

describe('describePath', () => {
  it('names a flow, step and button in words, one-based', () => {
    expect(describePath('flows[0].steps[1].buttons[2].next')).toBe('Flow 1, step 2, button 3 (next)');
    expect(describePath('flows[3].label')).toBe('Flow 4 (label)');
    expect(describePath('flows[0].steps')).toBe('Flow 1');
  });
  it('leaves other paths as they are', () => {
    expect(describePath('human_only_topics')).toBe('human_only_topics');
  });
});
