import { describe, expect, it } from 'vitest';
import { portalEfficiencyDiffers } from './portal-efficiency-check';

describe('the portal’s stored efficiency against ours', () => {
  it('is no difference while the stored value is one of ours since the flow last changed', () => {
    // Stored 61 % five days ago; the window has moved on since, and ours is 70 % today.
    expect(portalEfficiencyDiffers(61, [61, 63, 66, 68, 70])).toBe(false);
    expect(portalEfficiencyDiffers(64, [61, 63, 66, 68, 70])).toBe(false);
  });

  it('is a difference when no figure of ours since then gives it', () => {
    expect(portalEfficiencyDiffers(40, [61, 63, 66, 68, 70])).toBe(true);
    expect(portalEfficiencyDiffers(71, [70])).toBe(true);
  });

  it('says nothing without the portal’s value or ours', () => {
    expect(portalEfficiencyDiffers(null, [70])).toBe(false);
    expect(portalEfficiencyDiffers(70, [])).toBe(false);
  });
});
