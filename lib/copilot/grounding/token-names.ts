import { nameCases, type NameCase } from '@/lib/people/name-cases';

/** A token as a sentence uses it: `user_1`, or `user_1[gen]` for the name in the genitive. */
const tokenPattern = new RegExp(`\\b(user_\\d+)\\b(?:\\[(${nameCases.join('|')})\\])?`, 'gu');

/**
 * A model's text with its person tokens (user_1…) turned into names, for the viewer's eyes only:
 * in the case the token asks for when the person's forms are known, else as the name is. Tokens
 * the analysis does not know stay as they are.
 */
export function withPeopleNames(
  text: string,
  tokens: Readonly<Record<string, { name: string; forms?: Readonly<Record<NameCase, string>> }>>,
): string {
  return text.replace(tokenPattern, (token, bare: string, nameCase: NameCase | undefined) => {
    const person = tokens[bare];
    if (!person) return token;
    return (nameCase && person.forms?.[nameCase]) || person.name;
  });
}
