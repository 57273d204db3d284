import { describe, expect, it } from 'vitest';
import en from '@/messages/en.json';
import ru from '@/messages/ru.json';

type Tree = { [key: string]: string | Tree };

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keys(value, `${prefix}${key}.`),
  );
}

function values(tree: Tree): string[] {
  return Object.values(tree).flatMap((value) => (typeof value === 'string' ? [value] : values(value)));
}

describe('messages', () => {
  it('has every key in both languages', () => {
    expect(keys(ru).sort()).toEqual(keys(en).sort());
  });

  it('has no empty texts', () => {
    for (const text of [...values(ru), ...values(en)]) expect(text.trim()).not.toBe('');
  });

  it('uses the same placeholders in both languages', () => {
    // Argument names only: braces opening at an even depth are arguments ({count}, {kind, select, …}),
    // at an odd depth they are the branches of a select or plural.
    const placeholders = (text: string) => {
      const names = new Set<string>();
      let depth = 0;
      for (let index = 0; index < text.length; index++) {
        if (text[index] === '{') {
          if (depth % 2 === 0) names.add(/^\w+/.exec(text.slice(index + 1))?.[0] ?? '');
          depth++;
        } else if (text[index] === '}') depth--;
      }
      return [...names].sort();
    };
    const ruByKey = new Map(keys(ru).map((key, index) => [key, values(ru)[index]!]));
    keys(en).forEach((key, index) => {
      expect(placeholders(ruByKey.get(key)!), key).toEqual(placeholders(values(en)[index]!));
    });
  });

  it('writes Russian texts in Cyrillic', () => {
    const russianOnly = values(ru).filter(
      (text) =>
        /\p{L}/u.test(text) &&
        !/^(Flowpilot|CoPilot|YandexGPT|GigaChat|BitrixGPT|English|Русский|\{value\} %)$/.test(text),
    );
    for (const text of russianOnly) expect(text, text).toMatch(/[а-яё]/i);
  });
});
