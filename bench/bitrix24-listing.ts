// npm run bench:bitrix24-listing — a full listing of 100,000 tasks from the demo portal under
// Bitrix24's default rate limit (burst 50, 2 requests/s): requests used against the fewest
// possible, and tasks per second against the rate ceiling. Results go to docs/benchmarks.md.
import { scanAllTasksInBatches, scanTasks } from '../lib/bitrix24/api/tasks';
import { Bitrix24Client, type RetryNotice } from '../lib/bitrix24/client';
import { companyFromLines } from '@/lib/demo-portal/company-file';
import { generateCompany } from '@/lib/demo-portal/generator/generate-company';
import { startDemoPortal } from '@/lib/demo-portal/server';
import { machineDescription } from './machine';
import { writeBenchmarkSection } from './results-file';

const taskCount = 100_000;
const naiveSample = 5_000;
const rowsPerRequest = 50 * 50;
const ceilingRequestsPerSecond = 2;

const generated = generateCompany({ seed: 1, tasks: taskCount });
const company = companyFromLines(generated.header, generated.lines());
const portal = await startDemoPortal({ company });

async function measure(name: string, scan: (client: Bitrix24Client) => AsyncGenerator<unknown[]>) {
  let requests = 0;
  const retries: RetryNotice[] = [];
  const client = new Bitrix24Client({
    connection: { kind: 'webhook', url: portal.webhookUrl },
    fetch: (input, init) => {
      requests++;
      return fetch(input, init);
    },
    onRetry: (notice) => retries.push(notice),
  });
  const started = performance.now();
  let rows = 0;
  for await (const page of scan(client)) rows += page.length;
  const seconds = (performance.now() - started) / 1000;
  console.log(`${name}: ${rows} tasks, ${requests} requests, ${seconds.toFixed(1)} s, ${retries.length} refusals`);
  return { rows, requests, seconds, refusals: retries.length };
}

// Let the portal's bucket start empty for each run.
const drain = () => new Promise((resolve) => setTimeout(resolve, 26_000));

const batched = await measure('batched id ranges', async function* (client) {
  for await (const batch of scanAllTasksInBatches(client)) yield batch.tasks;
});
await drain();
const maxId = Number(company.tasks.at(-1)!.id);
const naiveUpTo = Number(company.tasks[naiveSample - 1]!.id);
const naive = await measure(`cursor, first ${naiveSample} tasks`, (client) =>
  scanTasks(client, { filter: { '<=ID': naiveUpTo } }),
);
await portal.stop();

const minimum = Math.ceil(maxId / rowsPerRequest) + 1;
const naivePerTask = naive.seconds / naive.rows;
const projectedNaive = naivePerTask * batched.rows;
// The most a client can get through the rate limit in the time it took: the burst, then 2/s.
const ceilingTasks = (50 + ceilingRequestsPerSecond * batched.seconds) * rowsPerRequest;
const row = (label: string, value: string) => `| ${label} | ${value} |`;
await writeBenchmarkSection(
  'bitrix24-listing',
  `## Bitrix24 client: full listing of ${batched.rows.toLocaleString('en-US')} tasks

\`npm run bench:bitrix24-listing\` · ${new Date().toISOString().slice(0, 10)} · ${machineDescription()}

The demo portal (\`--seed 1\`, ${taskCount.toLocaleString('en-US')} tasks, ids up to ${maxId.toLocaleString('en-US')}) under Bitrix24's default limit: burst 50, 2 requests/s.

| | |
| --- | --- |
${row('Batched id ranges (`scanAllTasksInBatches`)', `${batched.requests} requests in ${batched.seconds.toFixed(1)} s, ${Math.round(batched.rows / batched.seconds).toLocaleString('en-US')} tasks/s, ${batched.refusals} refusals`)}
${row('Fewest requests possible', `${minimum} (1 for the highest id + ⌈${maxId.toLocaleString('en-US')} / 2,500⌉ batches of 50 pages of 50)`)}
${row('Requests used / minimum', `${(batched.requests / minimum).toFixed(2)}×`)}
${row('Rate ceiling in that time', `${Math.round(ceilingTasks / batched.seconds).toLocaleString('en-US')} tasks/s (burst of 50 requests, then 2/s, 2,500 tasks each)`)}
${row('Tasks/s against the ceiling', `${((batched.rows / batched.seconds / (ceilingTasks / batched.seconds)) * 100).toFixed(1)} %: the listing fits inside the burst, so the portal's answer time, not the limit, bounds it`)}
${row(`Naive cursor (one page of 50 per request), first ${naiveSample.toLocaleString('en-US')} tasks`, `${naive.requests} requests in ${naive.seconds.toFixed(1)} s, ${Math.round(naive.rows / naive.seconds)} tasks/s, ${naive.refusals} refusals`)}
${row('Naive cursor, projected to all tasks', `${Math.round(batched.rows / 50)} requests, ~${(projectedNaive / 60).toFixed(0)} min`)}
${row('Speed-up of batching', `${(projectedNaive / batched.seconds).toFixed(0)}×`)}`,
);
console.log('Wrote docs/benchmarks.md');
