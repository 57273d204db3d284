import { describe, expect, it } from 'vitest';
import { withPeopleNames } from './token-names';

const tokens = {
  user_1: {
    name: 'Олеся Покровская',
    forms: {
      nom: 'Олеся Покровская',
      gen: 'Олеси Покровской',
      dat: 'Олесе Покровской',
      acc: 'Олесю Покровскую',
      ins: 'Олесей Покровской',
      pre: 'Олесе Покровской',
    },
  },
  user_2: { name: 'Ada Admin' },
};

describe('withPeopleNames', () => {
  it('names a token in the case it asks for, or as the name is', () => {
    expect(withPeopleNames('У user_1[gen] и user_1: задачи.', tokens)).toBe(
      'У Олеси Покровской и Олеся Покровская: задачи.',
    );
    expect(withPeopleNames('Передайте user_2[dat].', tokens)).toBe('Передайте Ada Admin.');
  });

  it('leaves unknown tokens, and words that only begin like a token, as they are', () => {
    expect(withPeopleNames('user_9[gen] and user_1x and user_10', tokens)).toBe('user_9[gen] and user_1x and user_10');
  });
});
