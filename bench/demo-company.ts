// npm run bench:demo-company — generates a 1,000,000-task demo company, then loads and serves
// it with the demo portal; records the times and sizes in docs/benchmarks.md.
import { stat, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { scanAllTasksInBatches } from '../lib/bitrix24/api/tasks';
import { getFlows } from '../lib/bitrix24/api/flows';
import { Bitrix24Client } from '../lib/bitrix24/client';
import { readCompanyFile, writeCompanyFile } from '@/lib/demo-portal/company-file';
import { generateCompany } from '@/lib/demo-portal/generator/generate-company';
import { startDemoPortal } from '@/lib/demo-portal/server';
import { machineDescription } from './machine';
import { writeBenchmarkSection } from './results-file';

const tasks = 1_000_000;
const file = path.join(os.tmpdir(), `flowpilot-bench-company-${tasks}.jsonl`);
const seconds = (since: number) => (performance.now() - since) / 1000;

let started = performance.now();
const generated = generateCompany({ seed: 1, tasks });
await writeCompanyFile(file, generated.header, generated.lines());
const generateSeconds = seconds(started);
const { size } = await stat(file);
console.log(`generated ${tasks} tasks in ${generateSeconds.toFixed(1)} s (${(size / 1024 ** 3).toFixed(2)} GiB)`);

started = performance.now();
const company = await readCompanyFile(file);
const portal = await startDemoPortal({ company });
const loadSeconds = seconds(started);
const heapGiB = process.memoryUsage().rss / 1024 ** 3;
console.log(`loaded and serving in ${loadSeconds.toFixed(1)} s, ${heapGiB.toFixed(1)} GiB resident`);

const client = new Bitrix24Client({ connection: { kind: 'webhook', url: portal.webhookUrl } });
started = performance.now();
const { flows } = await getFlows(
  client,
  company.flows.map((flow) => flow.id),
);
const flowsSeconds = seconds(started);
started = performance.now();
const batches = scanAllTasksInBatches(client, { afterId: Number(company.tasks.at(-1)!.id) - 25_000 });
let lastRows = 0;
for await (const batch of batches) lastRows += batch.tasks.length;
const tailSeconds = seconds(started);
await portal.stop();
await rm(file, { force: true });

await writeBenchmarkSection(
  'demo-company',
  `## Demo company: generating and serving 1,000,000 tasks

\`npm run bench:demo-company\` · ${new Date().toISOString().slice(0, 10)} · ${machineDescription()}

| | |
| --- | --- |
| Generate (\`--seed 1 --tasks 1000000\`, streamed to disk) | ${generateSeconds.toFixed(1)} s, ${(size / 1024 ** 3).toFixed(2)} GiB of JSON Lines (target: under 2 minutes) |
| Load into the demo portal and listen | ${loadSeconds.toFixed(1)} s, ${heapGiB.toFixed(1)} GiB resident |
| \`tasks.flow.Flow.get\` for all ${flows.length} flows (efficiency computed live) | ${flowsSeconds.toFixed(2)} s, one batch request |
| Batched listing of the last ${lastRows.toLocaleString('en-US')} tasks | ${tailSeconds.toFixed(1)} s |

The portal needs a larger heap than Node's default for this size: \`npm run demo-portal\` starts Node with \`--max-old-space-size=16384\`.`,
);
console.log('Wrote docs/benchmarks.md');
