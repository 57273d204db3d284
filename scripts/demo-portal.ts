// npm run demo-portal -- (--dataset FILE | --seed N [--tasks M]) [--port P] [--https]
// Runs the demo portal alone and prints its webhook URL; Ctrl-C stops it.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { companyFromLines, readCompanyFile } from '@/lib/demo-portal/company-file';
import { DEFAULT_TASK_COUNT, generateCompany } from '@/lib/demo-portal/generator/generate-company';
import { startDemoPortal } from '@/lib/demo-portal/server';

const usage = `Usage: npm run demo-portal -- (--dataset FILE | --seed N [--tasks M]) [--port P] [--https]
  --dataset FILE  a company file (docs/demo-company-format.md)
  --seed N        generate the company instead (same seed, same company); --tasks M sets its size (default ${DEFAULT_TASK_COUNT})
  --port P        port to listen on, on 127.0.0.1 (default: any free port)
  --https         serve HTTPS with a generated self-signed certificate`;

const argsSchema = z
  .object({
    dataset: z.string().min(1).optional(),
    seed: z.coerce.number().int().min(0).optional(),
    tasks: z.coerce.number().int().min(50).default(DEFAULT_TASK_COUNT),
    port: z.coerce.number().int().min(0).max(65535).default(0),
    https: z.boolean().default(false),
  })
  .refine((args) => (args.dataset === undefined) !== (args.seed === undefined), 'Give either --dataset or --seed.');

function parseArguments() {
  try {
    const { values } = parseArgs({
      options: {
        dataset: { type: 'string' },
        seed: { type: 'string' },
        tasks: { type: 'string' },
        port: { type: 'string' },
        https: { type: 'boolean' },
      },
      strict: true,
    });
    return argsSchema.parse(values);
  } catch (error) {
    const message =
      error instanceof z.ZodError
        ? error.issues.map((issue) => issue.message).join('\n')
        : error instanceof Error
          ? error.message
          : String(error);
    console.error(`${message}\n\n${usage}`);
    process.exit(2);
  }
}

const args = parseArguments();
const started = performance.now();
try {
  const company = args.dataset
    ? await readCompanyFile(args.dataset)
    : (() => {
        const generated = generateCompany({ seed: args.seed!, tasks: args.tasks });
        return companyFromLines(generated.header, generated.lines());
      })();
  const portal = await startDemoPortal({ company, port: args.port, https: args.https });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `Demo portal ${company.header.domain}: ${company.users.length} employees, ${company.flows.length} flows, ${company.tasks.length} tasks (ready in ${seconds} s)`,
  );
  console.log(`  REST:        ${portal.url}/rest/`);
  console.log(`  Webhook URL: ${portal.webhookUrl}`);
  console.log(`  Control:     POST ${portal.url}/_demo/control {"faults": {...}, "limits": {...}}`);
  console.log(`  Sent alerts: GET  ${portal.url}/_demo/notifications`);
  const stop = () => void portal.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
