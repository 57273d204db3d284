/** The grammatical cases a sentence can ask a person's name in; `nom` is the name as it is. */
export const nameCases = ['nom', 'gen', 'dat', 'acc', 'ins', 'pre'] as const;
export type NameCase = (typeof nameCases)[number];
