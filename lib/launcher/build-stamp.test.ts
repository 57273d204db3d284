import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isBuildCurrent, sourceFingerprint, writeBuildStamp } from './build-stamp';

async function project() {
  const root = await mkdtemp(path.join(os.tmpdir(), 'fp-build-'));
  await mkdir(path.join(root, 'app'), { recursive: true });
  await writeFile(path.join(root, 'app', 'page.tsx'), 'export default 1;');
  await writeFile(path.join(root, 'package.json'), '{}');
  return root;
}

describe('build stamp', () => {
  it('is not current before a build', async () => {
    expect(await isBuildCurrent(await project())).toBe(false);
  });

  it('is current after a build until a source changes', async () => {
    const root = await project();
    await mkdir(path.join(root, '.next'));
    await writeFile(path.join(root, '.next', 'BUILD_ID'), 'x');
    await writeBuildStamp(root, await sourceFingerprint(root));
    expect(await isBuildCurrent(root)).toBe(true);

    await writeFile(path.join(root, 'app', 'page.test.tsx'), 'test only');
    expect(await isBuildCurrent(root)).toBe(true);

    await writeFile(path.join(root, 'app', 'page.tsx'), 'export default 2;');
    expect(await isBuildCurrent(root)).toBe(false);
  });

  it('changes when a file is added or renamed', async () => {
    const root = await project();
    const before = await sourceFingerprint(root);
    await writeFile(path.join(root, 'app', 'other.tsx'), 'export default 1;');
    expect(await sourceFingerprint(root)).not.toBe(before);
  });

  it('changes when proxy.ts changes, which Next builds from the project root', async () => {
    const root = await project();
    await writeFile(path.join(root, 'proxy.ts'), 'export const a = 1;');
    const before = await sourceFingerprint(root);
    await writeFile(path.join(root, 'proxy.ts'), 'export const a = 2;');
    expect(await sourceFingerprint(root)).not.toBe(before);
  });
});
