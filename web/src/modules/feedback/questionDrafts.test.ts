import { describe, expect, it } from 'vitest';
import { blankQuestion, fromDraft, optionsFromLines, placeQuestionErrors, toDraft, type DraftQuestion } from './questionDrafts';

describe('question drafts', () => {
  it('round-trips a choice question with a rule, keeping option ids in place', () => {
    const api = {
      id: 'back',
      type: 'single_choice' as const,
      text: { en: 'Would you come back?', de: 'Kommen Sie wieder?' },
      required: true,
      options: [
        { id: 'yes', text: 'Yes' },
        { id: 'no', text: { en: 'No' } },
      ],
      show_if: { question: 'food', min: 1, max: 2 },
    };
    const draft = toDraft(api);
    expect(draft.textDe).toBe('Kommen Sie wieder?');
    expect(draft.rule).toEqual({ question: 'food', in: [], min: '1', max: '2' });
    expect(fromDraft(draft)).toEqual({
      id: 'back',
      type: 'single_choice',
      text: { en: 'Would you come back?', de: 'Kommen Sie wieder?' },
      required: true,
      options: [
        { id: 'yes', text: 'Yes' },
        { id: 'no', text: 'No' },
      ],
      show_if: { question: 'food', min: 1, max: 2 },
    });
  });

  it('gives new options and questions ids nobody else has', () => {
    const options = optionsFromLines('Yes\n\nNo\nMaybe\n', [{ id: 'o2', text: 'Yes' }]);
    expect(options.map((o) => o.id)).toEqual(['o2', 'o1', 'o3']);
    const first = blankQuestion([]);
    const second = blankQuestion([{ ...first, id: 'q2' } as DraftQuestion]);
    expect(first.id).toBe('q1');
    expect(second.id).toBe('q3');
  });

  it('sends a number field as typed when it is not a whole number, so the server names it', () => {
    const draft = { ...blankQuestion([]), type: 'scale' as const, text: 'How far?', min: '0', max: 'ten' };
    expect(fromDraft(draft)).toMatchObject({ min: 0, max: 'ten' });
  });

  it('places server errors on the question and part they name', () => {
    const placed = placeQuestionErrors({
      'questions[2].options[0].text.en': 'is required',
      'questions[0].max': 'must be a whole number from 2 to 10',
      'questions[1].show_if.question': 'must name an earlier question',
      name: 'is required',
    });
    expect(placed.byQuestion.get(2)).toEqual({ options: '[0].text.en: is required' });
    expect(placed.byQuestion.get(0)).toEqual({ range: 'must be a whole number from 2 to 10' });
    expect(placed.byQuestion.get(1)).toEqual({ rule: 'question: must name an earlier question' });
    expect(placed.rest).toEqual(['name: is required']);
  });
});
