import { z } from 'zod';

/**
 * Native packages (Next's SWC, Tailwind's oxide, …) list one optional dependency per platform.
 * A registry mirror that lacks some platforms makes `npm install` leave those out of
 * package-lock.json, and `npm ci` then refuses the lock as out of sync. These helpers add the
 * entries the public registry would record: version plus os/cpu/libc, so npm skips them on other
 * platforms and fetches them on a machine they fit.
 */
const lockSchema = z.object({
  packages: z.record(
    z.string(),
    z
      .object({ version: z.string().optional(), optionalDependencies: z.record(z.string(), z.string()).optional() })
      .passthrough(),
  ),
});

export type Lockfile = z.infer<typeof lockSchema>;
export type PlatformEntry = { version: string; optional: true; os: string[]; cpu: string[]; libc?: string[] };

const operatingSystems = [
  'darwin',
  'linux',
  'win32',
  'android',
  'freebsd',
  'openharmony',
  'netbsd',
  'openbsd',
  'sunos',
  'aix',
];
const cpus = ['arm64', 'x64', 'arm', 'ia32', 'ppc64', 's390x', 'loong64', 'riscv64', 'mips64el', 'wasm32'];

/** Platform fields from a package name such as `@swc/core-linux-arm-gnueabihf`; null when it names none. */
export function platformFromName(name: string): Omit<PlatformEntry, 'version' | 'optional'> | null {
  const parts = name.split('/').pop()!.split('-');
  const os = parts.find((part) => operatingSystems.includes(part));
  const cpu = parts.find((part) => cpus.includes(part));
  if (!cpu) return null;
  const libc = parts.some((part) => part.startsWith('musl'))
    ? ['musl']
    : parts.some((part) => part.startsWith('gnu'))
      ? ['glibc']
      : undefined;
  return { os: os ? [os] : [], cpu: [cpu], ...(libc ? { libc } : {}) };
}

/** Optional platform dependencies that have no entry of their own in the lock file. */
export function missingPlatformEntries(lockText: string): Map<string, PlatformEntry> {
  const lock = lockSchema.parse(JSON.parse(lockText));
  const missing = new Map<string, PlatformEntry>();
  for (const [location, entry] of Object.entries(lock.packages)) {
    for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
      const nested = `${location}/node_modules/${name}`;
      const hoisted = `node_modules/${name}`;
      if (lock.packages[nested] || lock.packages[hoisted] || missing.has(hoisted)) continue;
      const platform = platformFromName(name);
      if (!platform || !/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(spec)) continue;
      // Key order as npm writes it, so a later `npm install` leaves the entries untouched.
      const { os, cpu, libc } = platform;
      missing.set(hoisted, {
        version: spec,
        cpu,
        ...(libc ? { libc } : {}),
        optional: true,
        ...(os.length ? { os } : {}),
      } as PlatformEntry);
    }
  }
  return missing;
}

/** The lock file text with the missing platform entries added, in npm's sorted order. */
export function completeLockfile(lockText: string): string {
  const missing = missingPlatformEntries(lockText);
  if (missing.size === 0) return lockText;
  const lock = JSON.parse(lockText) as { packages: Record<string, unknown> };
  const packages = { ...lock.packages, ...Object.fromEntries(missing) };
  const [root, ...rest] = Object.keys(packages);
  lock.packages = Object.fromEntries([root!, ...rest.sort()].map((key) => [key, packages[key]]));
  return `${JSON.stringify(lock, null, 2)}\n`;
}
