import { describe, expect, it } from 'vitest';
import { nameForms, personGender } from './name-forms';

describe('personGender', () => {
  it("takes the portal's gender first, else the name's, else none", () => {
    expect(personGender({ firstName: 'Саша', lastName: 'Ким', gender: 'female' })).toBe('female');
    expect(personGender({ firstName: 'Олеся', lastName: 'Покровская', gender: null })).toBe('female');
    expect(personGender({ firstName: 'Николай', lastName: 'Ершов', gender: null })).toBe('male');
    expect(personGender({ firstName: 'Саша', lastName: 'Ким', gender: null })).toBeNull();
    expect(personGender({ firstName: 'Ada', lastName: 'Admin', gender: null })).toBeNull();
  });
});

describe('nameForms', () => {
  it('declines a Russian name in every case for its gender', () => {
    expect(nameForms({ firstName: 'Олеся', lastName: 'Покровская', gender: null }, 'ru')).toEqual({
      nom: 'Олеся Покровская',
      gen: 'Олеси Покровской',
      dat: 'Олесе Покровской',
      acc: 'Олесю Покровскую',
      ins: 'Олесей Покровской',
      pre: 'Олесе Покровской',
    });
    expect(nameForms({ firstName: 'Саша', lastName: 'Ким', gender: 'male' }, 'ru').gen).toBe('Саши Кима');
    expect(nameForms({ firstName: 'Саша', lastName: 'Ким', gender: 'female' }, 'ru').gen).toBe('Саши Ким');
  });

  it('keeps the name as it is without a gender, and in English', () => {
    expect(nameForms({ firstName: 'Саша', lastName: 'Ким', gender: null }, 'ru').gen).toBe('Саша Ким');
    expect(nameForms({ firstName: 'Олеся', lastName: 'Покровская', gender: 'female' }, 'en').gen).toBe(
      'Олеся Покровская',
    );
    expect(nameForms({ firstName: 'Ирина', lastName: '', gender: null }, 'ru').dat).toBe('Ирине');
  });
});
