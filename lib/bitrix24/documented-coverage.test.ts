import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentedEvents, documentedMethods } from './testing/documented';

/**
 * Every Bitrix24 method the product can call and every event it handles has a documented answer
 * in lib/bitrix24/testing/documented/. The calls are read from the source: the method names
 * passed to `client.call`, to `listByCursor`/`listByOffset`, as `method` of a batch command, and
 * as `<method>.json` in a REST address; the events as `'ON…'` names.
 */
const root = path.resolve(import.meta.dirname, '..');
const skipped = /(\.test\.ts|\/testing\/|\/demo-portal\/|\/db\/generated\/)/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    return /\.tsx?$/.test(entry.name) && !skipped.test(file) ? [file] : [];
  });
}

const methodPatterns = [
  /\.call(?:<[^>]*>)?\(\s*'([\w.]+)'/g,
  /\.listBy(?:Cursor|Offset)\(\s*'([\w.]+)'/g,
  /\bmethod:\s*'([a-z]+(?:\.[\w]+)+)'/g,
  /'([a-z]+(?:\.[\w]+)+)\.json'/g,
];

function calledMethods(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of sources(root)) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of methodPatterns) {
      for (const [, method] of text.matchAll(pattern))
        found.set(method!, [...(found.get(method!) ?? []), path.relative(path.dirname(root), file)]);
    }
  }
  return found;
}

function handledEvents(): Set<string> {
  const found = new Set<string>();
  for (const file of sources(root))
    for (const [, event] of readFileSync(file, 'utf8').matchAll(/'(ON[A-Z]{4,})'/g)) found.add(event!);
  return found;
}

describe('documented answers cover what the product calls', () => {
  const called = calledMethods();
  const documented = new Set(Object.keys(documentedMethods).map((method) => method.toLowerCase()));

  it('finds the calls in the source', () => {
    expect([...called.keys()]).toEqual(
      expect.arrayContaining([
        'tasks.task.list',
        'batch',
        'profile',
        'event.bind',
        'user.current',
        'tasks.task.history.list',
      ]),
    );
  });

  it('every called method has a documented answer', () => {
    const missing = [...called].filter(([method]) => !documented.has(method.toLowerCase()));
    expect(missing.map(([method, files]) => `${method} (${[...new Set(files)].join(', ')})`)).toEqual([]);
  });

  it('every handled event has a documented post', () => {
    const events = handledEvents();
    expect(events).toContain('ONTASKUPDATE');
    expect([...events].filter((event) => !(event in documentedEvents))).toEqual([]);
  });
});
