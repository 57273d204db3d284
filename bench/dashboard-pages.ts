// npm run bench:dashboard-pages — the three dashboard pages as a signed-in executive sees them, on
// a mirror of 1,000 flows and 1,000,000 tasks: the server's time to the complete HTML of a real GET
// against the production build (`next start`), and the JavaScript each page loads on first visit
// in Chromium (that of the other pages a visit may start on too: the What if tab, outcomes, users,
// settings, sign-in and the landing page). The set-up, shared with bench:load and bench:lighthouse
// in bench/pages/bench-app.ts: a scratch PostgreSQL (embedded, temporary) filled by
// bench/synthetic-mirror.ts and rolled up as after a first full sync, and `next start` on a private
// copy of the build, so a rebuild in the working tree meanwhile does not disturb it. Results go to docs/benchmarks.md.
// Try it small first: `npm run bench:dashboard-pages -- --flows 100 --tasks 100000` (printed
// only; the documented section is written by the full size). `--no-build` measures .next as it
// is instead of rebuilding when the sources changed; `--list-scripts` prints each page's script files.
import os from 'node:os';
import { chromium } from '@playwright/test';
import { z } from 'zod';
import { chromiumArgs, findChromium } from '../e2e/support/find-chromium';
import { env } from '../lib/env';
import { visibleFlowsWhere } from '../lib/flows/flow-access';
import type { Shutdown } from '../lib/launcher/shutdown';
import { rollUpFigures } from '../lib/metrics/daily-figure-rollup';
import { log } from './log';
import { machineDescription } from './machine';
import { measure, type Timing } from './measure';
import {
  buildDescription,
  copyBuild,
  countOption,
  createBenchUsers,
  deploymentSettings,
  int,
  millis,
  mirrorDescription,
  mirrorOptions,
  mirrorSizeOf,
  parseOptions,
  prepareBuild,
  seconds,
  startBenchMirror,
  startInstance,
  tableRow,
  undocumentedRun,
} from './pages/bench-app';
import { busiestFlow } from './pages/bench-mirror';
import { loadDataQueries, type DataQueries } from './pages/data-queries';
import { cookieHeader, signIn, timePage } from './pages/page-requests';
import { loadScripts, type ScriptLoad } from './pages/script-load';
import { writeBenchmarkSection } from './results-file';
import { runBench } from './run-bench';

/** The issue's targets for the server time at p95, by page. */
const p95TargetsMs: Record<string, number> = { '/flows': 100, '/overview': 200 };

const args = parseOptions(
  {
    ...mirrorOptions.schema,
    requests: countOption(20),
    warmup: countOption(3, 0),
    'list-scripts': z.boolean().default(false),
  },
  {
    ...mirrorOptions.parse,
    requests: { type: 'string' },
    warmup: { type: 'string' },
    'list-scripts': { type: 'boolean' },
  },
);
const { size, documented } = mirrorSizeOf(args);
const root = process.cwd();

// kB of 1,000 bytes, as Next's own build output counts them.
const kb = (bytes: number) =>
  `${(bytes / 1000).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} kB`;

async function main(cleanup: Shutdown): Promise<void> {
  const started = performance.now();
  const loadAtStart = os.loadavg()[0]!;

  await prepareBuild(root, args['no-build'], cleanup);
  const mirror = await startBenchMirror(root, size, 'pages', cleanup);
  const { db, portalId } = mirror;
  // What the pages no longer work out per request is worked out here, in the background: the
  // roll-up each sync ends with (and the hourly one), and an event batch's for a few flows.
  const mark = performance.now();
  await rollUpFigures(db, portalId, { days: 2 });
  const syncRollUpMs = performance.now() - mark;
  const someFlows = (await db.flow.findMany({ where: { portalId }, select: { id: true }, take: 3 })).map(
    (flow) => flow.id,
  );
  const eventRollUp = await measure(5, () => rollUpFigures(db, portalId, { days: 2, flowIds: someFlows }), 1);
  log(`roll-up of today and yesterday: ${seconds(syncRollUpMs)}; of 3 flows: ${millis(eventRollUp.p50)}`);

  // The settings and users pages are an administrator's; only their first-load JS is measured.
  const [user, admin] = await createBenchUsers(db, [{ role: 'executive' }, { role: 'admin' }]);
  const flow = await busiestFlow(mirror.url, portalId);
  log(`busiest flow: ${flow.name} (${int(flow.open)} open of ${int(flow.tasks)} tasks)`);

  // Taken now, not at the start: .next may have been rebuilt while the mirror was filled.
  const build = await copyBuild(root, mirror.folder);
  const { url: baseUrl } = await startInstance(build, deploymentSettings(mirror.url), mirror.folder, 'next', cleanup);
  const cookies = await signIn(baseUrl, user!.email, user!.password);
  const adminCookies = await signIn(baseUrl, admin!.email, admin!.password);
  log('signed in as an executive and as an administrator');

  // Each page with the data function it renders from, called as the page calls it for this viewer.
  const scope = visibleFlowsWhere(user!);
  const pages: { label: string; path: string; data: (queries: DataQueries) => Promise<unknown>; check: z.ZodType }[] = [
    {
      label: `Flows list, all ${int(size.flows)} flows: \`/flows\``,
      path: '/flows',
      data: (queries) => queries.flowsList(db, scope),
      check: z.object({ rows: z.array(z.unknown()).length(size.flows) }),
    },
    {
      label: `One flow's page, the busiest (${int(flow.open)} open of ${int(flow.tasks)} tasks): \`/flows/<id>\``,
      path: `/flows/${flow.id}`,
      data: (queries) => queries.flowDashboard(db, scope, flow.id),
      check: z.object({ flow: z.object({ id: z.literal(flow.id) }) }),
    },
    {
      label: 'Overview: `/overview`',
      path: '/overview',
      data: (queries) => queries.overview(db, scope),
      check: z.object({ totals: z.object({ flows: z.literal(size.flows) }) }),
    },
  ];
  const timings: (Timing & { htmlBytes: number })[] = [];
  for (const page of pages) {
    const timing = await timePage(`${baseUrl}${page.path}`, cookieHeader(cookies), args.warmup, args.requests);
    timings.push(timing);
    log(`${page.path}: p50 ${millis(timing.p50)}, p95 ${millis(timing.p95)}, HTML ${kb(timing.htmlBytes)}`);
  }

  // Where the flows list's time goes: the same view as JSON (session and data, no rendering), and
  // the page with a search no flow matches (everything but drawing the rows).
  const listCost = {
    json: await timePage(
      `${baseUrl}/api/dashboard/flows`,
      cookieHeader(cookies),
      args.warmup,
      args.requests,
      'application/json',
    ),
    noRows: await timePage(`${baseUrl}/flows?q=no-such-flow`, cookieHeader(cookies), args.warmup, args.requests),
  };
  log(
    `/api/dashboard/flows: p50 ${millis(listCost.json.p50)}; /flows with no row shown: p50 ${millis(listCost.noRows.p50)}`,
  );

  // The same data without Next: what the page adds (session, rendering, streaming) is the rest.
  const loaded = await loadDataQueries(root);
  let dataNote = '';
  const dataTimings: (Timing | null)[] = [];
  if ('missing' in loaded) {
    dataNote = `Data queries alone: not measured, ${loaded.missing}.`;
    log(dataNote);
  } else {
    for (const page of pages) {
      try {
        const timing = await measure(
          args.requests,
          async () => page.check.parse(await page.data(loaded.queries)),
          args.warmup,
        );
        dataTimings.push(timing);
        log(`${page.path} data alone: p50 ${millis(timing.p50)}, p95 ${millis(timing.p95)}`);
      } catch (error) {
        // A changed signature or shape shows up here; the pages' own numbers still stand.
        const reason =
          error instanceof z.ZodError
            ? `its result is not the page's data (${z.prettifyError(error).replaceAll('\n', ' ')})`
            : error instanceof Error
              ? error.message
              : String(error);
        dataTimings.push(null);
        dataNote =
          `${dataNote} Data queries alone for ${page.path === '/flows' || page.path === '/overview' ? page.path : '/flows/<id>'}: not measured, ${reason}.`.trim();
        log(`${page.path} data alone: not measured, ${reason}`);
      }
    }
  }

  const browserPath = findChromium(env().E2E_CHROMIUM_PATH);
  const browser = await chromium.launch({ executablePath: browserPath.executablePath, args: chromiumArgs });
  cleanup.add(() => browser.close(), 'close Chromium');
  const noCookies = new Map<string, string>();
  // The other pages a visit may start on: first-load JS only (their server time is not this bench's).
  const otherPages = [
    { label: "A flow's What if tab: `/flows/<id>/what-if`", path: `/flows/${flow.id}/what-if`, cookies },
    { label: 'Outcomes: `/outcomes`', path: '/outcomes', cookies },
    { label: 'Users (administrator): `/users`', path: '/users', cookies: adminCookies },
    { label: 'Settings (administrator): `/settings`', path: '/settings', cookies: adminCookies },
    { label: 'Sign-in, signed out: `/sign-in`', path: '/sign-in', cookies: noCookies },
    { label: 'Landing, signed out: `/`', path: '/', cookies: noCookies },
  ];
  const scripts: ScriptLoad[] = [];
  for (const page of [...pages.map((page) => ({ ...page, cookies })), ...otherPages]) {
    const load = await loadScripts(browser, baseUrl, page.path, page.cookies);
    scripts.push(load);
    log(
      `${page.path}: ${load.files.length} scripts, ${kb(load.raw)} raw, ${kb(load.gzip)} gzip, ${kb(load.transferred)} transferred (${load.encodings.join(', ')})`,
    );
    if (args['list-scripts'])
      for (const file of load.files)
        log(
          `  ${new URL(file.url).pathname}: ${kb(file.raw)} raw, ${kb(file.gzip)} gzip, ${kb(file.transferred)} ${file.encoding}`,
        );
    for (const error of load.errors) log(`  page error: ${error}`);
  }

  const pageErrors = scripts.reduce((total, load) => total + load.errors.length, 0);
  if (pageErrors > 0)
    throw new Error(
      `The pages threw ${pageErrors} error(s) in Chromium (above); the numbers are not of working pages.`,
    );

  const targetLine = pages
    .flatMap((page, index) => {
      const target = p95TargetsMs[page.path];
      if (target === undefined) return [];
      const p95 = timings[index]!.p95;
      return [
        `${page.path}: p95 ${millis(p95)}, ${(p95 / target).toFixed(2)}× the issue's target of ${target} ms (${p95 <= target ? 'within it' : 'over it'}).`,
      ];
    })
    .join(' ');
  console.log(targetLine);
  const wholeRun = performance.now() - started;
  if (!documented) {
    log(undocumentedRun(wholeRun));
    return;
  }

  const pair = (timing: Timing) => `${millis(timing.p50)} / ${millis(timing.p95)}`;
  const encodings = [...new Set(scripts.flatMap((load) => load.encodings))].join(', ');
  // Timed one after the other, so on a busy machine the page without rows can come out slower.
  const drawRowsMs = timings[0]!.p50 - listCost.noRows.p50;
  const rowsCost =
    drawRowsMs > 0
      ? `so drawing its 50 rows takes about ${millis(drawRowsMs)}`
      : 'so drawing its 50 rows costs less than the noise of this run (the page without rows was not faster)';
  await writeBenchmarkSection(
    'dashboard-pages',
    `## Dashboard pages: 1,000 flows, 1,000,000 tasks

\`npm run bench:dashboard-pages\` · ${new Date().toISOString().slice(0, 10)} · ${machineDescription()} · load average at start ${loadAtStart.toFixed(1)}

${buildDescription(build)}, served by \`next start\` on loopback from a copy of the build (so a rebuild in the working tree cannot change it mid-run). ${mirrorDescription(size)} The bench signs in as an executive (sees every flow) through next-auth's credentials callback.

Server time is from sending a \`GET\` with the session cookie to the last byte of the HTML (the streamed parts included), ${args.requests} sequential requests per page after ${args.warmup} warm-up requests; median / p95. "Data alone" times the page's function from \`lib/dashboards\` (\`flowsList\`, \`flowDashboard\`, \`overview\`, default period) called in the bench's own process on the same database, the same number of times; the ratio is page ÷ data at the median. First-load JS is every script Chromium (${browserPath.source}, fresh context, no cache) loads for one visit until the network is idle, with Next's router requests (prefetches of linked pages) refused; "raw" is the decoded size, "gzip" the files gzipped here with zlib's default level, "transferred" the encoded bytes on the wire (server's encoding: ${encodings}). kB = 1,000 bytes.

${tableRow(['Page', 'Server time, median / p95', 'Data alone, median / p95', 'Page ÷ data', 'HTML', 'First-load JS: files', 'raw', 'gzip', 'transferred'])}
${tableRow(['---', '---', '---', '---', '---', '---', '---', '---', '---'])}
${pages
  .map((page, index) => {
    const timing = timings[index]!;
    const data = dataTimings[index] ?? null;
    const load = scripts[index]!;
    return tableRow([
      page.label,
      pair(timing),
      data ? pair(data) : '—',
      data ? `${(timing.p50 / data.p50).toFixed(1)}×` : '—',
      kb(timing.htmlBytes),
      String(load.files.length),
      kb(load.raw),
      kb(load.gzip),
      kb(load.transferred),
    ]);
  })
  .join('\n')}

First-load JS of the other pages a visit may start on, measured the same way (the executive's session, an administrator's for users and settings, none for sign-in and the landing page):

${tableRow(['Page', 'Files', 'raw', 'gzip', 'transferred'])}
${tableRow(['---', '---', '---', '---', '---'])}
${otherPages
  .map((page, index) => {
    const load = scripts[pages.length + index]!;
    return tableRow([page.label, String(load.files.length), kb(load.raw), kb(load.gzip), kb(load.transferred)]);
  })
  .join('\n')}

${targetLine}${dataNote ? `\n\n${dataNote}` : ''}

Where the flows list's median goes: the same view as JSON from \`/api/dashboard/flows\` (session, data, no rendering) ${millis(listCost.json.p50)}; the page with a search that matches no flow (session, data, header, filters with every owner, the messages the browser gets; no rows drawn) ${millis(listCost.noRows.p50)}; the whole page ${millis(timings[0]!.p50)}, ${rowsCost}.

The roll-up behind the pages, on the same mirror: today and yesterday of every flow (the last phase of each sync, and hourly) ${seconds(syncRollUpMs)}; of 3 flows (after an event batch) ${millis(eventRollUp.p50)} (median of 5).

Fill ${seconds(mirror.fillMs)}, 120-day roll-up ${seconds(mirror.backfillMs)}; whole run ${seconds(wholeRun)}. Options: \`-- --flows N --tasks N\` for a smaller mirror (printed, not written here), \`--requests N --warmup N\`, \`--no-build\` to measure the build in \`.next\` as it is (by default the bench builds first when the sources changed, as \`npm start\` does), \`--list-scripts\` to print each page's script files.`,
  );
  log('wrote docs/benchmarks.md');
}

await runBench(main);
