// npm run bench:load — many signed-in users at once on the dashboard pages, against one app
// instance and against two (two `next start` of the same build on one PostgreSQL), on a mirror of
// 1,000 flows and 1,000,000 tasks. autocannon keeps one connection per user busy: the flows list,
// one of the user's flows, the overview, then again with the next flow. With two instances the
// users are split between them, half each, at the same time. Runs alternate one, two, two, one
// (--rounds), each --warmup seconds and then --duration measured seconds. Reports requests per
// second, latency p50/p95/p99, errors and non-2xx answers, two ÷ one, and the CPU each part used
// meanwhile (from /proc), to show where the limit is. The set-up (mirror, build copy, `next start`,
// sign-in) is bench:dashboard-pages's, in bench/pages/bench-app.ts.
// Try it small first: `npm run bench:load -- --flows 100 --tasks 100000 --duration 20` (printed
// only; the documented section is written by the full size with 50 users).
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Role } from '../lib/auth/roles';
import { poolSize } from '../lib/db/client';
import type { Shutdown } from '../lib/launcher/shutdown';
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
  type AppInstance,
  type BenchMirror,
} from './pages/bench-app';
import {
  loadPages,
  runLoad,
  summarizeLoad,
  type LoadPage,
  type LoadResult,
  type LoadRun,
  type LoadUser,
} from './pages/page-load';
import { cookieHeader, signIn, timePage } from './pages/page-requests';
import { combineCpuUse, cpuSnapshot, cpuUse, treeCpuSeconds, type CpuGroups, type CpuUse } from './process-cpu';
import { writeBenchmarkSection } from './results-file';
import { runBench } from './run-bench';

/** The issue's scenario: 50 users at once. */
const documentedConnections = 50;
/** The flows a lead sees: the one they own and the ones an admin granted them. */
const leadFlows = 20;

const args = parseOptions(
  {
    ...mirrorOptions.schema,
    connections: countOption(documentedConnections, 2),
    duration: countOption(60),
    rounds: countOption(2),
    warmup: countOption(20, 0),
    timeout: countOption(120),
  },
  {
    ...mirrorOptions.parse,
    connections: { type: 'string' },
    duration: { type: 'string' },
    rounds: { type: 'string' },
    warmup: { type: 'string' },
    timeout: { type: 'string' },
  },
);
const { size, documented: documentedSizeRun } = mirrorSizeOf(args);
const documented = documentedSizeRun && args.connections === documentedConnections;
const root = process.cwd();

const pageLabels: Record<LoadPage, string> = {
  list: 'Flows list `/flows`',
  flow: 'A flow `/flows/<id>`',
  overview: 'Overview `/overview`',
};
const cores = (value: number) => value.toFixed(2);
const time = (ms: number) => (Number.isNaN(ms) ? '—' : millis(ms));
const ratio = (value: number) => `${value.toFixed(2)}×`;

/**
 * The mix of people a company has signed in: one in ten an admin, one in five a lead (who sees
 * `leadFlows` flows), the rest executives. Admins and executives see every flow.
 */
function roleOf(index: number): Role {
  if (index % 10 === 9) return 'admin';
  if (index % 5 === 2) return 'lead';
  return 'executive';
}

/**
 * The users, signed in in turn on each instance (sessions are signed with the deployment's shared
 * AUTH_SECRET, so each is valid on both), with the flows whose pages they open: a lead their own
 * `leadFlows`, everyone else every flow, each starting at a different one so the pages spread.
 */
async function signInUsers(mirror: BenchMirror, instances: AppInstance[]): Promise<(LoadUser & { role: Role })[]> {
  const flows = await mirror.db.flow.findMany({
    where: { portalId: mirror.portalId },
    orderBy: { bitrixFlowId: 'asc' },
    select: { id: true, bitrixFlowId: true },
  });
  const roles = Array.from({ length: args.connections }, (_, index) => roleOf(index));
  const leadCount = roles.filter((role) => role === 'lead').length;
  if (leadCount > flows.length)
    throw new Error(`${leadCount} leads need as many flows to own; there are ${flows.length}.`);
  // Each lead owns a different flow, spread over all of them; their other flows are the next ones.
  const ownedBy = (lead: number) => Math.floor((lead * flows.length) / leadCount);
  let leads = 0;
  const people = roles.map((role) => {
    if (role !== 'lead') return { role };
    // completeMirror makes employee 10000 + (bitrixFlowId − 1) × 10 the owner of each flow.
    return { role, portalId: mirror.portalId, bitrixUserId: 10000 + (flows[ownedBy(leads++)]!.bitrixFlowId - 1) * 10 };
  });
  const users = await createBenchUsers(mirror.db, people);
  const rotated = (first: number) => [...flows.slice(first), ...flows.slice(0, first)].map((flow) => flow.id);
  let lead = 0;
  const result: (LoadUser & { role: Role })[] = [];
  for (const [index, user] of users.entries()) {
    let flowIds: string[];
    if (user.role === 'lead') {
      flowIds = rotated(ownedBy(lead++)).slice(0, leadFlows);
      await mirror.db.flowAccessGrant.createMany({
        data: flowIds.slice(1).map((flowId) => ({ userId: user.id, flowId })),
      });
    } else flowIds = rotated(Math.floor((index * flows.length) / users.length));
    const instance = instances[index % instances.length]!;
    const cookie = cookieHeader(await signIn(instance.url, user.email, user.password));
    result.push({ role: user.role, cookie, flowIds });
  }
  return result;
}

type CpuPart = 'next1' | 'next2' | 'postgres' | 'autocannon';
/** One or two instances, over all its rounds. */
type Scenario = { label: string; instances: number; result: LoadResult; cpu: CpuUse<CpuPart> };

/** The Next processes a scenario sent requests to: cores used by each. */
const perInstance = ({ cpu, instances }: Scenario) => [cpu.groups.next1, cpu.groups.next2].slice(0, instances);

/** Cores used on average by each part during a scenario; "other processes" is the rest of the machine. */
function cpuParts(cpu: CpuUse<CpuPart>) {
  const { postgres, autocannon } = cpu.groups;
  const next = cpu.groups.next1 + cpu.groups.next2;
  return {
    Next: next,
    PostgreSQL: postgres,
    autocannon,
    'other processes': Math.max(0, cpu.machine - next - postgres - autocannon),
  };
}

function cpuLine(cpu: CpuUse<CpuPart>): string {
  const parts = Object.entries(cpuParts(cpu)).map(([name, used]) => `${name} ${cores(used)}`);
  return `${parts.join(', ')}; machine ${cores(cpu.machine)} of ${cpu.cores} cores busy`;
}

/** CPU milliseconds per answer of the Next processes and of PostgreSQL: what one page view costs each. */
function costPerAnswer({ cpu, result }: Scenario): { next: number; postgres: number } {
  const perAnswer = (used: number) => (used * result.seconds * 1000) / result.requests;
  return { next: perAnswer(cpuParts(cpu).Next), postgres: perAnswer(cpu.groups.postgres) };
}

/**
 * Where the limit was, read from the CPU figures: a full machine is CPU-bound (the part that used
 * the most is named), a Next process near one core is bound by its one JavaScript thread, and
 * otherwise the requests waited (on PostgreSQL, or for a pooled connection). Then which of the
 * app and the database spends more CPU per page view, which is where more hardware would go.
 */
function limitOf(scenario: Scenario): string {
  const { cpu } = scenario;
  const instances = perInstance(scenario);
  const [name, used] = Object.entries(cpuParts(cpu)).sort(([, a], [, b]) => b - a)[0]!;
  const cost = costPerAnswer(scenario);
  const heavier =
    cost.next >= cost.postgres
      ? `Next spends ${ratio(cost.next / cost.postgres)} the CPU PostgreSQL does per answer (${millis(cost.next)} against ${millis(cost.postgres)})`
      : `PostgreSQL spends ${ratio(cost.postgres / cost.next)} the CPU Next does per answer (${millis(cost.postgres)} against ${millis(cost.next)})`;
  if (cpu.machine >= 0.9 * cpu.cores)
    return `the machine's CPU (${cores(cpu.machine)} of ${cpu.cores} cores busy, the most by ${name}: ${cores(used)}), and ${heavier}`;
  if (instances.some((instance) => instance >= 0.9))
    return `the JavaScript thread of the Next process${instances.length > 1 ? 'es' : ''} (${instances.map(cores).join(' and ')} cores, the machine at ${cores(cpu.machine)} of ${cpu.cores}), and ${heavier}`;
  return `no CPU (machine ${cores(cpu.machine)} of ${cpu.cores} cores busy): the requests waited, on PostgreSQL or for one of the ${poolSize} pooled connections per instance; ${heavier}`;
}

/** The errors the servers logged (Next prints each as a line starting with ⨯), with how often. */
async function loggedErrors(mirror: BenchMirror): Promise<string> {
  const counts = new Map<string, number>();
  for (const name of ['next-1', 'next-2']) {
    const text = await readFile(path.join(mirror.folder, `${name}.log`), 'utf8').catch(() => '');
    for (const line of text.split('\n').filter((logged) => logged.startsWith('⨯')))
      counts.set(line.trim(), (counts.get(line.trim()) ?? 0) + 1);
  }
  return [...counts].map(([line, count]) => `\`${line}\` (${count}×)`).join(', ');
}

async function postmasterPid(mirror: BenchMirror): Promise<number> {
  const lines = (await readFile(path.join(mirror.clusterDir, 'postmaster.pid'), 'utf8')).split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0)
    throw new Error(`No PostgreSQL process in ${mirror.clusterDir}/postmaster.pid`);
  return pid;
}

async function main(cleanup: Shutdown): Promise<void> {
  const started = performance.now();
  const loadAtStart = os.loadavg()[0]!;

  await prepareBuild(root, args['no-build'], cleanup);
  const mirror = await startBenchMirror(root, size, 'load', cleanup);
  // Taken now, not at the start: .next may have been rebuilt while the mirror was filled.
  const build = await copyBuild(root, mirror.folder);
  const settings = deploymentSettings(mirror.url);
  const instances = [
    await startInstance(build, settings, mirror.folder, 'next-1', cleanup),
    await startInstance(build, settings, mirror.folder, 'next-2', cleanup),
  ];
  const users = await signInUsers(mirror, instances);
  const roleCount = (role: Role) => users.filter((user) => user.role === role).length;
  const people = `${roleCount('executive')} executives, ${roleCount('lead')} leads and ${roleCount('admin')} admins`;
  log(`signed in ${users.length} users: ${people}`);

  // Each page answers as itself for an executive and a lead on both instances, before any load.
  const lead = users.find((user) => user.role === 'lead') ?? users[0]!;
  for (const instance of instances)
    for (const user of [users[0]!, lead])
      for (const pagePath of ['/flows', `/flows/${user.flowIds[0]}`, '/overview'])
        await timePage(`${instance.url}${pagePath}`, user.cookie, 0, 1);

  const pg = await postmasterPid(mirror);
  const cpuGroups: CpuGroups<CpuPart> = {
    next1: () => treeCpuSeconds([instances[0]!.pid]),
    next2: () => treeCpuSeconds([instances[1]!.pid]),
    postgres: () => treeCpuSeconds([pg]),
    // Only this process's own time: PostgreSQL and Next are its children.
    autocannon: () => {
      const used = process.cpuUsage();
      return (used.user + used.system) / 1e6;
    },
  };
  const scenarios = [
    { label: 'one instance', instances: 1, targets: [{ url: instances[0]!.url, users }] },
    {
      label: 'two instances',
      instances: 2,
      targets: instances.map((instance, index) => ({
        url: instance.url,
        users: users.filter((_, user) => user % instances.length === index),
      })),
    },
  ];
  const runs = scenarios.map(() => [] as { load: LoadRun; cpu: CpuUse<CpuPart> }[]);
  // Requests cut off when a run ends still run on the servers; the next run waits until they are done.
  const serverSeconds = () => treeCpuSeconds([...instances.map((instance) => instance.pid), pg]);
  const waitUntilIdle = async () => {
    const deadline = Date.now() + 10 * 60_000;
    for (let before = serverSeconds(); Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const now = serverSeconds();
      if (now - before < 0.1) return;
      before = now;
    }
  };
  const measureRound = async (which: number, round: number) => {
    const { label, targets } = scenarios[which]!;
    await waitUntilIdle();
    log(`${label}, round ${round}: ${args.warmup} s warm-up, then ${args.duration} s measured…`);
    let before = cpuSnapshot(cpuGroups);
    const load = await runLoad(targets, {
      warmupSeconds: args.warmup,
      seconds: args.duration,
      timeoutSeconds: args.timeout,
      onMeasure: () => (before = cpuSnapshot(cpuGroups)),
    });
    const cpu = cpuUse(before, cpuSnapshot(cpuGroups));
    runs[which]!.push({ load, cpu });
    const { perSecond, latency } = summarizeLoad([load]);
    log(
      `  ${perSecond.toFixed(1)} requests/s, p50 ${time(latency.p50)}, p95 ${time(latency.p95)}, p99 ${time(latency.p99)}; errors ${load.errors}, non-2xx ${load.non2xx}; CPU in cores: ${cpuLine(cpu)}`,
    );
  };
  // One, two, then two, one: drift on a shared machine (other work starting or ending) falls on both alike.
  for (let round = 1; round <= args.rounds; round++)
    for (const which of round % 2 === 1 ? [0, 1] : [1, 0]) await measureRound(which, round);

  const [one, two] = scenarios.map(({ label, instances: count }, which): Scenario => {
    const done = {
      label,
      instances: count,
      result: summarizeLoad(runs[which]!.map((run) => run.load)),
      cpu: combineCpuUse(runs[which]!.map((run) => run.cpu)),
    };
    const { result, cpu } = done;
    log(
      `${label}: ${result.perSecond.toFixed(1)} requests/s (${int(result.requests)} in ${seconds(result.seconds * 1000)}), p50 ${time(result.latency.p50)}, p95 ${time(result.latency.p95)}, p99 ${time(result.latency.p99)}; errors ${result.errors} (timeouts ${result.timeouts}), non-2xx ${result.non2xx}`,
    );
    for (const page of loadPages) {
      const timing = result.pages[page];
      log(
        `  ${page}: ${int(timing.count)} answers, p50 ${time(timing.p50)}, p95 ${time(timing.p95)}, p99 ${time(timing.p99)}`,
      );
    }
    log(`  CPU in cores: ${cpuLine(cpu)}`);
    log(`  limit: ${limitOf(done)}`);
    return done;
  }) as [Scenario, Scenario];
  const throughputRatio = two.result.perSecond / one.result.perSecond;
  const p95Ratio = two.result.latency.p95 / one.result.latency.p95;
  const roundRatios = runs[0]!.map((run, index) => {
    const twoRound = summarizeLoad([runs[1]![index]!.load]);
    return ratio(twoRound.perSecond / summarizeLoad([run.load]).perSecond);
  });
  const failures = [one, two].reduce((total, { result }) => total + result.errors + result.non2xx, 0);
  const ratioLine = `Two instances ÷ one: ${ratio(throughputRatio)} the requests per second${roundRatios.length > 1 ? ` (by round: ${roundRatios.join(', ')})` : ''}, ${ratio(p95Ratio)} the p95 latency.`;
  const logged = failures > 0 ? await loggedErrors(mirror) : '';
  const failureLine =
    failures === 0
      ? 'Errors and non-2xx answers: 0 in every run.'
      : `Errors and non-2xx answers: ${failures} (must be 0): ${[one, two].map(({ label, result }) => `${label} ${result.errors} errors (${result.timeouts} timeouts), answers by status ${JSON.stringify(result.statuses)}`).join('; ')}.${logged ? ` The servers logged ${logged}.` : ''}`;
  console.log(ratioLine);
  console.log(failureLine);

  const wholeRun = performance.now() - started;
  if (!documented) {
    log(undocumentedRun(wholeRun, `, ${documentedConnections} users`));
    if (failures > 0) process.exitCode = 1;
    return;
  }

  const triple = (timing: { p50: number; p95: number; p99: number }) =>
    `${time(timing.p50)} / ${time(timing.p95)} / ${time(timing.p99)}`;
  await writeBenchmarkSection(
    'load',
    `## Load: ${users.length} users at once, one instance and two, 1,000 flows, 1,000,000 tasks

\`npm run bench:load\` · ${new Date().toISOString().slice(0, 10)} · ${machineDescription()} · load average at start ${loadAtStart.toFixed(1)}

${buildDescription(build)}, served by two \`next start\` processes of one copy of the build on loopback, with the same \`DATABASE_URL\`, \`AUTH_SECRET\` and \`ENCRYPTION_KEY\` (no background worker: \`next start\` alone serves pages). ${mirrorDescription(size)} ${users.length} users (${people}; a lead sees ${leadFlows} flows: one they own and ${leadFlows - 1} granted), each signed in once through next-auth's credentials callback, on the two instances in turn; each session is then used on whichever instance its requests go to.

The load generator is [autocannon](https://github.com/mcollina/autocannon) in the bench's own process: one keep-alive connection per user, each asking for the flows list, one of the user's flows (the next one each time, so the flow pages spread over all flows), and the overview, in turn (users start on different pages), each as soon as the previous answer has fully arrived (closed loop: no think time, so this is the most the set-up serves, not a typical day). "One instance": all ${users.length} connections to the first; "two instances": half to each, at the same time (as a round-robin balancer would send them). Each is measured in ${args.rounds} run${args.rounds > 1 ? 's' : ''} of ${args.duration} s, in the order one, two${args.rounds > 1 ? ', two, one…' : ''} so that drift on the shared machine falls on both alike, each right after a ${args.warmup} s warm-up of the same load (and only once the servers have finished the requests the previous run left); the figures are over all runs of a kind. Latency is from sending a request to the last byte of its answer, for the answers that arrive within the measured seconds; a request not answered within ${args.timeout} s counts as an error; errors and non-2xx answers are counted over the warm-ups too. CPU is read from \`/proc\` at the start and end of each run's measured seconds: the \`next start\` processes, PostgreSQL's processes, autocannon (the bench process), the rest of the machine as "other processes"; in cores on average.

${tableRow(['', 'Requests/s', 'Latency p50 / p95 / p99', 'Answers', 'Errors (timeouts)', 'Non-2xx', 'CPU, cores: Next', 'PostgreSQL', 'autocannon', 'other processes', 'machine', 'CPU per answer: Next / PostgreSQL'])}
${tableRow(['---', '---', '---', '---', '---', '---', '---', '---', '---', '---', '---', '---'])}
${[one, two]
  .map((scenario) => {
    const { label, result, cpu } = scenario;
    const next = perInstance(scenario);
    return tableRow([
      label,
      result.perSecond.toFixed(1),
      triple(result.latency),
      int(result.requests),
      `${result.errors} (${result.timeouts})`,
      String(result.non2xx),
      `${cores(cpuParts(cpu).Next)}${next.length > 1 ? ` (${next.map(cores).join(' + ')})` : ''}`,
      cores(cpu.groups.postgres),
      cores(cpu.groups.autocannon),
      cores(cpuParts(cpu)['other processes']),
      `${cores(cpu.machine)} of ${cpu.cores}`,
      `${millis(costPerAnswer(scenario).next)} / ${millis(costPerAnswer(scenario).postgres)}`,
    ]);
  })
  .join('\n')}

${tableRow(['Page, latency p50 / p95 / p99 (answers)', 'One instance', 'Two instances'])}
${tableRow(['---', '---', '---'])}
${loadPages.map((page) => tableRow([pageLabels[page], ...[one, two].map(({ result }) => `${triple(result.pages[page])} (${int(result.pages[page].count)})`)])).join('\n')}

${ratioLine} ${failureLine}

Where the limit is: with one instance, ${limitOf(one)}; with two, ${limitOf(two)}. This machine has ${os.cpus().length} cores, shared by both instances, PostgreSQL, autocannon and whatever else runs on it ("other processes"), so two ÷ one here measures what a second Node process on the same cores gains (a second JavaScript thread where one was not enough, twice the pooled connections), not what a second machine would add: on separate machines each instance would have cores of its own, and PostgreSQL would be the part they share.

Fill ${seconds(mirror.fillMs)}, backfill ${seconds(mirror.backfillMs)}; whole run ${seconds(wholeRun)}. Options: \`-- --flows N --tasks N\` for a smaller mirror and \`--connections N\` for another number of users (printed, not written here), \`--duration S --warmup S\` per run, \`--rounds N\` (one, two, two, one…), \`--timeout S\` per request, \`--no-build\` to measure the build in \`.next\` as it is (by default the bench builds first when the sources changed).`,
  );
  log('wrote docs/benchmarks.md');
  if (failures > 0) process.exitCode = 1;
}

await runBench(main);
