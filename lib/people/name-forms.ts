import { getGender, inclineFirstname, inclineLastname } from 'lvovich';
import type { Locale } from '@/lib/i18n/locales';
import { nameCases, type NameCase } from './name-cases';

export type Gender = 'male' | 'female';

const lvovichCase = {
  nom: 'nominative',
  gen: 'genitive',
  dat: 'dative',
  acc: 'accusative',
  ins: 'instrumental',
  pre: 'prepositional',
} as const;

/**
 * A person's gender: the portal's own (PERSONAL_GENDER) when it gives one, else what the first and
 * last name say (lvovich reads Russian names; "Саша Ким" or a Latin name says nothing).
 */
export function personGender(person: { firstName: string; lastName: string; gender: Gender | null }): Gender | null {
  if (person.gender) return person.gender;
  const guessed = getGender({ first: person.firstName, last: person.lastName });
  return guessed === 'male' || guessed === 'female' ? guessed : null;
}

/**
 * "First Last" in every case the language has. Russian names are declined by lvovich for the
 * person's gender; without a known gender a Russian name stays as it is (a wrong ending would be
 * worse than the nominative). English names have one form.
 */
export function nameForms(
  person: { firstName: string; lastName: string; gender: Gender | null },
  locale: Locale,
): Record<NameCase, string> {
  const full = (first: string, last: string) => `${first} ${last}`.trim();
  const gender = locale === 'ru' ? personGender(person) : null;
  return Object.fromEntries(
    nameCases.map((nameCase) => [
      nameCase,
      gender && nameCase !== 'nom'
        ? full(
            inclineFirstname(person.firstName, lvovichCase[nameCase], gender),
            inclineLastname(person.lastName, lvovichCase[nameCase], gender),
          )
        : full(person.firstName, person.lastName),
    ]),
  ) as Record<NameCase, string>;
}
