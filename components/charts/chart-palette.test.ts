import { describe, expect, it } from 'vitest';
import { agingBandColors, bandColors, chartChrome, contrastRatio, seriesColors, textColorOn } from './chart-palette';

const drawn = { ...seriesColors, ...bandColors, ...agingBandColors, axisText: chartChrome.axisText };

describe('chart palette', () => {
  it('computes WCAG contrast ratios', () => {
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  for (const [name, color] of Object.entries(drawn)) {
    it(`${name} stands at 3:1 or more against the white card`, () => {
      expect(contrastRatio(color, chartChrome.card)).toBeGreaterThanOrEqual(3);
    });
  }

  it('picks a text colour at AA (4.5:1) on every band colour', () => {
    for (const color of [...Object.values(bandColors), ...Object.values(agingBandColors)]) {
      expect(contrastRatio(textColorOn(color), color), color).toBeGreaterThanOrEqual(4.5);
    }
    expect(textColorOn('#fef3c7')).toBe(chartChrome.ink);
  });
});
