// npm run bench:lighthouse — Google Lighthouse on the three dashboard pages (the flows list, the
// busiest flow's page, the overview) as a signed-in executive sees them, on a mirror of 1,000 flows
// and 1,000,000 tasks: the desktop preset, categories performance, accessibility and best
// practices. Each page is audited --runs times (rounds of the three pages in turn, so drift on a
// shared machine falls on all alike), each run in a fresh headless Chromium; the section gives the
// median of each score and metric, and every audit of accessibility or best practices that failed
// in any run. The set-up (mirror, build copy, `next start`, sign-in) is bench:dashboard-pages's, in
// bench/pages/bench-app.ts. Results go to docs/benchmarks.md.
// Try it small first: `npm run bench:lighthouse -- --flows 50 --tasks 20000` (printed only; the
// documented section is written by the full size).
import os from 'node:os';
import { launch, type LaunchedChrome } from 'chrome-launcher';
import lighthouse, { desktopConfig, type Flags, type Result } from 'lighthouse';
import { chromium } from '@playwright/test';
import { z } from 'zod';
import { chromiumArgs, findChromium } from '../e2e/support/find-chromium';
import { env } from '../lib/env';
import type { Shutdown } from '../lib/launcher/shutdown';
import { median } from '../lib/metrics/percentiles';
import { log } from './log';
import { machineDescription } from './machine';
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
import { cookieHeader, signIn, timePage } from './pages/page-requests';
import { writeBenchmarkSection } from './results-file';
import { runBench } from './run-bench';

const args = parseOptions(
  { ...mirrorOptions.schema, runs: countOption(3) },
  { ...mirrorOptions.parse, runs: { type: 'string' } },
);
const { size, documented } = mirrorSizeOf(args);
const root = process.cwd();

const categories = ['performance', 'accessibility', 'best-practices'] as const;
type Category = (typeof categories)[number];
const categoryLabels: Record<Category, string> = {
  performance: 'Performance',
  accessibility: 'Accessibility',
  'best-practices': 'Best practices',
};
/** The floor the pages must keep: the lowest they scored before the bench existed. */
const floors: Partial<Record<Category, number>> = { performance: 92, accessibility: 100 };

/** The metrics reported, by Lighthouse audit id; CLS has no unit. */
const metrics = [
  { id: 'first-contentful-paint', label: 'FCP', format: millis },
  { id: 'largest-contentful-paint', label: 'LCP', format: millis },
  { id: 'total-blocking-time', label: 'TBT', format: millis },
  { id: 'cumulative-layout-shift', label: 'CLS', format: (value: number) => value.toFixed(3) },
  { id: 'speed-index', label: 'Speed Index', format: millis },
  { id: 'server-response-time', label: 'Server response', format: millis },
] as const;
type MetricId = (typeof metrics)[number]['id'];

/** What one run of one page gave. */
type PageRun = {
  scores: Record<Category, number>;
  metrics: Record<MetricId, number>;
  /** Failed audits of the scored categories other than performance, by category. */
  failed: { category: Category; id: string; title: string; scored: boolean; where: string[] }[];
  warnings: string[];
  benchmarkIndex: number;
  lighthouseVersion: string;
  userAgent: string;
  settings: Result['configSettings'];
};

/** The elements an axe-based audit names (its table's `node` column), for a failure's report. */
const auditItems = z.array(
  z.looseObject({
    node: z.looseObject({ selector: z.string().optional(), snippet: z.string().optional() }).optional(),
  }),
);

function failedAudits(lhr: Result): PageRun['failed'] {
  return categories
    .filter((category) => category !== 'performance')
    .flatMap((category) =>
      (lhr.categories[category]?.auditRefs ?? []).flatMap((ref) => {
        const audit = lhr.audits[ref.id];
        // Informative, manual and not-applicable audits have no score and cannot fail.
        if (!audit || audit.score === null || audit.score >= 1) return [];
        const items = audit.details && 'items' in audit.details ? auditItems.safeParse(audit.details.items) : undefined;
        const where = (items?.success ? items.data : []).flatMap((item) =>
          item.node ? [item.node.selector ?? item.node.snippet ?? ''] : [],
        );
        // An audit of weight 0 is reported but does not lower the category's score.
        const scored = ref.weight > 0;
        return [{ category, id: audit.id, title: audit.title, scored, where: where.filter(Boolean) }];
      }),
    );
}

/**
 * One Lighthouse run of `url` in a fresh headless Chromium, with the session cookie on every
 * request. Chromium and Lighthouse reach nothing outside this machine: chrome-launcher's default
 * flags and the project's turn off Chromium's background networking, and only categories that
 * fetch nothing else are run.
 */
async function auditPage(
  url: string,
  cookie: string,
  browser: { chromePath: string; onLaunch: (chrome: LaunchedChrome | undefined) => void },
): Promise<PageRun> {
  const chrome = await launch({
    chromePath: browser.chromePath,
    chromeFlags: ['--headless=new', ...chromiumArgs],
    // The bench's Shutdown stops it on Ctrl-C; chrome-launcher's own handler would exit mid-clean-up.
    handleSIGINT: false,
    logLevel: 'silent',
  });
  browser.onLaunch(chrome);
  try {
    const flags: Flags = {
      port: chrome.port,
      logLevel: 'error',
      output: 'json',
      onlyCategories: [...categories],
      extraHeaders: { Cookie: cookie },
    };
    const result = await lighthouse(url, flags, desktopConfig);
    if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    // A redirect to the sign-in page would be audited as if it were the page.
    if (new URL(lhr.finalDisplayedUrl).pathname !== new URL(url).pathname)
      throw new Error(`Lighthouse on ${url} ended on ${lhr.finalDisplayedUrl}`);
    const score = (category: Category) => {
      const value = lhr.categories[category]?.score;
      if (value === null || value === undefined) throw new Error(`Lighthouse on ${url} gave no ${category} score`);
      return value * 100;
    };
    const metric = (id: MetricId) => {
      const value = lhr.audits[id]?.numericValue;
      if (value === undefined) throw new Error(`Lighthouse on ${url} gave no ${id}`);
      return value;
    };
    return {
      scores: Object.fromEntries(categories.map((category) => [category, score(category)])) as Record<Category, number>,
      metrics: Object.fromEntries(metrics.map(({ id }) => [id, metric(id)])) as Record<MetricId, number>,
      failed: failedAudits(lhr),
      warnings: lhr.runWarnings.map(String),
      benchmarkIndex: lhr.environment.benchmarkIndex,
      lighthouseVersion: lhr.lighthouseVersion,
      userAgent: lhr.environment.hostUserAgent,
      settings: lhr.configSettings,
    };
  } finally {
    chrome.kill();
    browser.onLaunch(undefined);
  }
}

/** What the runs of one page gave: the median of each figure, the failures of any run. */
type Summary = {
  page: { label: string; path: string };
  scores: Record<Category, { median: number; low: number; high: number }>;
  metrics: Record<MetricId, number>;
  failed: (Omit<PageRun['failed'][number], 'where'> & { where: Set<string>; runs: number })[];
  warnings: string[];
};

const middle = (values: number[]) => median(values) ?? Number.NaN;
const score = (value: number) => String(Math.round(value));

async function main(cleanup: Shutdown): Promise<void> {
  const started = performance.now();
  const loadAtStart = os.loadavg()[0]!;

  const found = findChromium(env().E2E_CHROMIUM_PATH);
  const chromePath = found.executablePath ?? chromium.executablePath();
  await prepareBuild(root, args['no-build'], cleanup);
  const mirror = await startBenchMirror(root, size, 'lighthouse', cleanup);
  const [user] = await createBenchUsers(mirror.db, [{ role: 'executive' }]);
  const flow = await busiestFlow(mirror.url, mirror.portalId);
  log(`busiest flow: ${flow.name} (${int(flow.open)} open of ${int(flow.tasks)} tasks)`);
  // Taken now, not at the start: .next may have been rebuilt while the mirror was filled.
  const build = await copyBuild(root, mirror.folder);
  const instance = await startInstance(build, deploymentSettings(mirror.url), mirror.folder, 'next', cleanup);
  const cookie = cookieHeader(await signIn(instance.url, user!.email, user!.password));
  log('signed in as an executive');

  const pages = [
    { label: `Flows list, all ${int(size.flows)} flows: \`/flows\``, path: '/flows' },
    {
      label: `One flow's page, the busiest (${int(flow.open)} open of ${int(flow.tasks)} tasks): \`/flows/<id>\``,
      path: `/flows/${flow.id}`,
    },
    { label: 'Overview: `/overview`', path: '/overview' },
  ];
  // Each page answers as itself, and its route and the database's caches are warm, before Lighthouse times it.
  for (const page of pages) await timePage(`${instance.url}${page.path}`, cookie, 2, 1);

  let running: LaunchedChrome | undefined;
  cleanup.add(async () => running?.kill(), 'close Chromium');
  const browser = { chromePath, onLaunch: (chrome: LaunchedChrome | undefined) => (running = chrome) };
  const runs = pages.map(() => [] as PageRun[]);
  for (let round = 1; round <= args.runs; round++)
    for (const [index, page] of pages.entries()) {
      const run = await auditPage(`${instance.url}${page.path}`, cookie, browser);
      runs[index]!.push(run);
      log(
        `${page.path}, run ${round}: ${categories.map((category) => `${category} ${score(run.scores[category])}`).join(', ')}; ${metrics.map(({ id, label, format }) => `${label} ${format(run.metrics[id])}`).join(', ')}`,
      );
      for (const failure of run.failed)
        log(
          `  ${failure.category} failed${failure.scored ? '' : ' (not scored)'}: ${failure.id} (${failure.title}) at ${failure.where.join(', ') || '—'}`,
        );
      for (const warning of run.warnings) log(`  warning: ${warning}`);
    }

  const summaries: Summary[] = pages.map((page, index) => {
    const pageRuns = runs[index]!;
    const failed = new Map<string, Summary['failed'][number]>();
    for (const run of pageRuns)
      for (const failure of run.failed) {
        const key = `${failure.category}/${failure.id}`;
        const seen = failed.get(key) ?? { ...failure, where: new Set<string>(), runs: 0 };
        seen.runs += 1;
        for (const where of failure.where) seen.where.add(where);
        failed.set(key, seen);
      }
    return {
      page,
      scores: Object.fromEntries(
        categories.map((category) => {
          const values = pageRuns.map((run) => run.scores[category]);
          return [category, { median: middle(values), low: Math.min(...values), high: Math.max(...values) }];
        }),
      ) as Record<Category, { median: number; low: number; high: number }>,
      metrics: Object.fromEntries(
        metrics.map(({ id }) => [id, middle(pageRuns.map((run) => run.metrics[id]))]),
      ) as Record<MetricId, number>,
      failed: [...failed.values()],
      warnings: [...new Set(pageRuns.flatMap((run) => run.warnings))],
    };
  });

  const below = summaries.flatMap(({ page, scores }) =>
    categories.flatMap((category) => {
      const floor = floors[category];
      const value = Math.round(scores[category].median);
      return floor !== undefined && value < floor ? [`${page.path} ${category} ${value} (floor ${floor})`] : [];
    }),
  );
  const floorText = Object.entries(floors)
    .map(([category, floor]) => `${category} ${floor}`)
    .join(', ');
  const floorLine =
    below.length === 0
      ? `Every page at or above its floor (${floorText}).`
      : `Below the floor (${floorText}): ${below.join('; ')}.`;
  console.log(floorLine);

  const allRuns = runs.flat();
  const benchmarkIndex = middle(allRuns.map((run) => run.benchmarkIndex));
  const wholeRun = performance.now() - started;
  if (!documented) {
    log(undocumentedRun(wholeRun));
    return;
  }

  const scoreCell = ({ median: value, low, high }: { median: number; low: number; high: number }) =>
    Math.round(low) === Math.round(high) ? score(value) : `${score(value)} (${score(low)}–${score(high)})`;
  // One line per failed audit, with the pages it failed on: the header's controls are on all three.
  const failures = new Map<string, { failure: Omit<Summary['failed'][number], 'runs'>; pages: string[] }>();
  for (const { page, failed } of summaries)
    for (const { runs: count, ...failure } of failed) {
      const key = `${failure.category}/${failure.id}`;
      const seen = failures.get(key) ?? { failure: { ...failure, where: new Set<string>() }, pages: [] };
      for (const where of failure.where) seen.failure.where.add(where);
      seen.pages.push(
        `\`${page.path.startsWith('/flows/') ? '/flows/<id>' : page.path}\` (${count} of ${args.runs} runs)`,
      );
      failures.set(key, seen);
    }
  const failureLines = [...failures.values()].map(
    ({ failure, pages: on }) =>
      `- ${categoryLabels[failure.category]}: \`${failure.id}\` (${failure.title.replace(/\.$/, '')})${failure.scored ? '' : ', weight 0 (not counted in the score)'}, on ${on.join(', ')}${failure.where.size > 0 ? `, at ${[...failure.where].map((where) => `\`${where}\``).join(', ')}` : ''}.`,
  );
  const warnings = [...new Set(summaries.flatMap((summary) => summary.warnings))];
  const { lighthouseVersion, userAgent, settings } = allRuns[0]!;
  const { throttling, screenEmulation } = settings;
  await writeBenchmarkSection(
    'lighthouse',
    `## Lighthouse: the dashboard pages, 1,000 flows, 1,000,000 tasks

\`npm run bench:lighthouse\` · ${new Date().toISOString().slice(0, 10)} · ${machineDescription()} · load average at start ${loadAtStart.toFixed(1)}

${buildDescription(build)}, served by \`next start\` on loopback from a copy of the build. ${mirrorDescription(size)} The bench signs in as an executive (sees every flow) through next-auth's credentials callback, and Lighthouse sends the session cookie with every request (\`extraHeaders\`).

Lighthouse ${lighthouseVersion} (Node API), ${settings.formFactor} preset (${settings.throttlingMethod === 'simulate' ? 'simulated' : settings.throttlingMethod} throttling: ${throttling.rttMs} ms round trip, ${((throttling.throughputKbps ?? 0) / 1024).toFixed(1)} Mbit/s, CPU slowdown ${throttling.cpuSlowdownMultiplier}×; ${screenEmulation.width} × ${screenEmulation.height} screen), categories performance, accessibility and best practices, in headless Chromium (${found.source}, ${/Chrome\/[\d.]+/.exec(userAgent)?.[0] ?? userAgent}) started anew for each run by chrome-launcher with its default flags and the project's (no background networking: nothing leaves the machine). Each page ${args.runs} times, in rounds of the three pages in turn, after two requests that warm its route and the database's caches; the table gives the median of each figure over its runs (so a row's figures may come from different runs), with the lowest and highest score in brackets where they differ. Lighthouse's CPU benchmark index on this machine: ${Math.round(benchmarkIndex)} (median of the runs).

${tableRow(['Page', ...categories.map((category) => categoryLabels[category]), ...metrics.map(({ label }) => label)])}
${tableRow(Array.from({ length: 1 + categories.length + metrics.length }, () => '---'))}
${summaries
  .map(({ page, scores, metrics: values }) =>
    tableRow([
      page.label,
      ...categories.map((category) => scoreCell(scores[category])),
      ...metrics.map(({ id, format }) => format(values[id])),
    ]),
  )
  .join('\n')}

${floorLine}

Failed audits of accessibility and best practices: ${failureLines.length === 0 ? `none in any run.` : `\n\n${failureLines.join('\n')}`}${warnings.length > 0 ? `\n\nLighthouse's warnings: ${warnings.join(' ')}` : ''}

Whole run ${seconds(wholeRun)} (fill ${seconds(mirror.fillMs)}, backfill ${seconds(mirror.backfillMs)}). Options: \`-- --flows N --tasks N\` for a smaller mirror (printed, not written here), \`--runs N\` per page, \`--no-build\` to audit the build in \`.next\` as it is (by default the bench builds first when the sources changed).`,
  );
  log('wrote docs/benchmarks.md');
}

await runBench(main);
