import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { completeLockfile, missingPlatformEntries, platformFromName } from './lockfile-platforms';

describe('platformFromName', () => {
  it('reads os, cpu and libc from native package names', () => {
    expect(platformFromName('@swc/core-linux-arm-gnueabihf')).toEqual({ os: ['linux'], cpu: ['arm'], libc: ['glibc'] });
    expect(platformFromName('@next/swc-darwin-arm64')).toEqual({ os: ['darwin'], cpu: ['arm64'] });
    expect(platformFromName('@unrs/resolver-binding-linux-riscv64-musl')).toEqual({
      os: ['linux'],
      cpu: ['riscv64'],
      libc: ['musl'],
    });
    expect(platformFromName('@tailwindcss/oxide-wasm32-wasi')).toEqual({ os: [], cpu: ['wasm32'] });
    expect(platformFromName('left-pad')).toBeNull();
  });
});

describe('completeLockfile', () => {
  const lock = {
    lockfileVersion: 3,
    packages: {
      '': { name: 'x' },
      'node_modules/native': {
        version: '1.0.0',
        optionalDependencies: { 'native-linux-x64-gnu': '1.0.0', 'native-darwin-arm64': '1.0.0' },
      },
      'node_modules/native-linux-x64-gnu': { version: '1.0.0', optional: true },
    },
  };

  it('adds an entry for each missing platform package, and only those', () => {
    const text = completeLockfile(JSON.stringify(lock));
    const packages = JSON.parse(text).packages;
    expect(packages['node_modules/native-darwin-arm64']).toEqual({
      version: '1.0.0',
      optional: true,
      os: ['darwin'],
      cpu: ['arm64'],
    });
    expect(packages['node_modules/native-linux-x64-gnu']).toEqual({ version: '1.0.0', optional: true });
    expect(Object.keys(packages)[0]).toBe('');
    expect(missingPlatformEntries(text).size).toBe(0);
  });

  it("leaves the project's package-lock.json as it is: nothing is missing", async () => {
    const text = await readFile('package-lock.json', 'utf8');
    expect([...missingPlatformEntries(text).keys()]).toEqual([]);
  });
});
