import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { routeMethods, routeOf, serverActionModules } from './source-files';

describe('routeOf', () => {
  it('drops route groups and keeps dynamic segments', () => {
    expect(routeOf('app/page.tsx')).toBe('/');
    expect(routeOf('app/(dashboard)/flows/[flowId]/page.tsx')).toBe('/flows/[flowId]');
    expect(routeOf('app/api/auth/[...nextauth]/route.ts')).toBe('/api/auth/[...nextauth]');
  });
});

describe('routeMethods', () => {
  it('finds methods exported as functions, constants and renamed exports', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'fp-route-'));
    const file = path.join(dir, 'route.ts');
    await writeFile(
      file,
      'export async function GET() {}\nexport const POST = wrap();\nconst h = 1;\nexport { h as DELETE };\n',
    );
    expect(await routeMethods(file)).toEqual(['DELETE', 'GET', 'POST']);
  });
});

describe('serverActionModules', () => {
  it('finds modules of actions and files that declare an action inline, inside a function', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'fp-actions-'));
    const folder = path.relative(process.cwd(), dir);
    await writeFile(path.join(dir, 'module.ts'), "'use server';\n\nexport async function a() {}\n");
    await writeFile(
      path.join(dir, 'inline.tsx'),
      "export default function Page() {\n  async function save() {\n    'use server';\n  }\n  return save;\n}\n",
    );
    await writeFile(path.join(dir, 'plain.ts'), "export const text = 'use server is a directive';\n");
    expect(await serverActionModules([folder])).toEqual({
      modules: [`${folder}/module.ts`],
      inline: [`${folder}/inline.tsx`],
    });
  });
});
