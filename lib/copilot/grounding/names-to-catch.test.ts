import { describe, expect, it } from 'vitest';
import { personNames } from './names-to-catch';

describe('personNames', () => {
  it('gives full, last and first names of four letters or more, once each', () => {
    expect(
      personNames([
        { name: 'Anna', lastName: 'Smith' },
        { name: 'Ян', lastName: 'Ли' },
        { name: 'Anna', lastName: 'Smith' },
      ]),
    ).toEqual(['Anna Smith', 'Smith', 'Anna', 'Ян Ли']);
  });
});
