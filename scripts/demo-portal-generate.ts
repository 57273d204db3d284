// npm run demo-portal:generate -- --seed N [--tasks M] [--out FILE] [--as-of ISO] [--kind messy]
// Writes a generated demo company (docs/demo-company-format.md) as JSON Lines. The same
// arguments always give the same file, byte for byte.
import { rename, rm, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { writeCompanyFile, type CompanyLine } from '@/lib/demo-portal/company-file';
import {
  DEFAULT_AS_OF,
  DEFAULT_TASK_COUNT,
  MAX_TASK_COUNT,
  MIN_TASK_COUNT,
  generateCompany,
} from '@/lib/demo-portal/generator/generate-company';
import { dataDir } from '../lib/env';

const usage = `Usage: npm run demo-portal:generate -- --seed N [--tasks M] [--out FILE] [--as-of ISO] [--kind messy]
  --seed N     whole number from 0 to 4294967295; the same seed gives the same company
  --tasks M    number of tasks, ${MIN_TASK_COUNT} to ${MAX_TASK_COUNT} (default ${DEFAULT_TASK_COUNT})
  --out FILE   where to write (default: <data folder>/demo-company-seed<N>.jsonl)
  --as-of ISO  the moment the data describes as "now", with its UTC offset
               (default ${DEFAULT_AS_OF})
  --kind K     clean (default: each failing flow has one cause) or messy (mixed causes and noise)`;

const wholeNumber = (name: string, min: number, max: number) =>
  z
    .string({ error: `${name} is required` })
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .pipe(z.number().min(min, `${name} must be at least ${min}`).max(max, `${name} must be at most ${max}`));

const argsSchema = z.object({
  seed: wholeNumber('--seed', 0, 2 ** 32 - 1),
  tasks: wholeNumber('--tasks', MIN_TASK_COUNT, MAX_TASK_COUNT).default(DEFAULT_TASK_COUNT),
  out: z.string().min(1, '--out must name a file').optional(),
  'as-of': z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/, '--as-of must look like 2026-06-01T12:00:00+03:00')
    .refine((value) => !Number.isNaN(Date.parse(value)), '--as-of is not a real date')
    .default(DEFAULT_AS_OF),
  kind: z.enum(['clean', 'messy'], { error: '--kind must be clean or messy' }).default('clean'),
});

function parseArguments() {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      options: {
        seed: { type: 'string' },
        tasks: { type: 'string' },
        out: { type: 'string' },
        'as-of': { type: 'string' },
        kind: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) return fail(parsed.error.issues.map((issue) => issue.message).join('\n'));
  return parsed.data;
}

function fail(problem: string): never {
  console.error(`${problem}\n\n${usage}`);
  process.exit(2);
}

/** Counts the records by kind as they stream past. */
function* counted(lines: Iterable<CompanyLine>, counts: Map<string, number>): Generator<CompanyLine> {
  for (const line of lines) {
    const kind = Object.keys(line)[0] ?? '?';
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
    yield line;
  }
}

const args = parseArguments();
const started = performance.now();
const file = path.resolve(args.out ?? path.join(dataDir(), `demo-company-seed${args.seed}.jsonl`));
const partial = `${file}.partial`;
try {
  const company = generateCompany({ seed: args.seed, tasks: args.tasks, asOf: args['as-of'], kind: args.kind });
  const counts = new Map<string, number>();
  await mkdir(path.dirname(file), { recursive: true });
  // Written under another name first, so a run cut short never leaves a half file behind.
  await writeCompanyFile(partial, company.header, counted(company.lines(), counts));
  await rename(partial, file);
  const { size } = await stat(file);
  const seconds = (performance.now() - started) / 1000;
  const count = (kind: string) => (counts.get(kind) ?? 0).toLocaleString('en-US');
  console.log(`Wrote ${file} (${(size / 1024 / 1024).toFixed(1)} MB) in ${seconds.toFixed(1)} s`);
  console.log(
    `  ${count('department')} departments, ${count('user')} employees, ${count('flow')} flows, ${count('task')} tasks (${company.deletedTaskIds} ids deleted), ${count('history')} history rows`,
  );
  console.log(`  seed ${args.seed}, as of ${company.header.asOf} (${company.header.domain})`);
  for (const flow of company.flows) {
    console.log(
      `  flow ${String(flow.id).padStart(2)}  ${String(flow.efficiency).padStart(3)}%  ${(company.flowCauses.get(flow.id) ?? '').padEnd(24)}  ${flow.name}`,
    );
  }
} catch (error) {
  await rm(partial, { force: true });
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
