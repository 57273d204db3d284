/**
 * A model's text with its person tokens (user_1…) turned into names, for the viewer's eyes only.
 * Tokens the analysis does not know stay as they are.
 */
export function withPeopleNames(text: string, tokens: Readonly<Record<string, { name: string }>>): string {
  return text.replace(/\buser_\d+\b/gu, (token) => tokens[token]?.name ?? token);
}
