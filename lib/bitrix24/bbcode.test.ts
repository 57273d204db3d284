import { describe, expect, it } from 'vitest';
import { bbcodeInert } from './bbcode';

describe('bbcodeInert', () => {
  it('keeps a hostile name from opening a BBCode tag, and leaves plain names as they are', () => {
    const hostile = bbcodeInert('Eve [URL=https://evil.example]click[/URL] [IMG]x[/IMG]');
    expect(hostile).not.toMatch(/\[(URL|\/URL|IMG|\/IMG)/i);
    expect(hostile.replaceAll('\u200b', '')).toBe('Eve [URL=https://evil.example]click[/URL] [IMG]x[/IMG]');
    expect(bbcodeInert('Олеся Покровская')).toBe('Олеся Покровская');
  });
});
