import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

// CPU time from Linux's /proc, for benches that need to say which process was busy.

const clockTicks = (() => {
  try {
    return Number.parseInt(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }), 10) || 100;
  } catch {
    return 100;
  }
})();

type ProcessTimes = { pid: number; parent: number; seconds: number };

/**
 * A process's CPU seconds from /proc/<pid>/stat: its own (utime + stime) and those of the
 * children it has reaped (cutime + cstime), so work of a child that ended meanwhile still counts.
 */
function processTimes(pid: number): ProcessTimes | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) may hold spaces and parentheses; the fields after it do not.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const field = (index: number) => Number.parseInt(fields[index - 3] ?? '0', 10);
  return { pid, parent: field(4), seconds: (field(14) + field(15) + field(16) + field(17)) / clockTicks };
}

function allProcesses(): ProcessTimes[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map((entry) => processTimes(Number(entry)))
    .filter((times) => times !== null);
}

/** CPU seconds so far of the processes `roots` and all their descendants. */
export function treeCpuSeconds(roots: readonly number[]): number {
  const table = allProcesses();
  const children = new Map<number, ProcessTimes[]>();
  for (const times of table) children.set(times.parent, [...(children.get(times.parent) ?? []), times]);
  const byPid = new Map(table.map((times) => [times.pid, times]));
  let total = 0;
  const pending = roots.map((pid) => byPid.get(pid)).filter((times) => times !== undefined);
  for (let next = pending.pop(); next; next = pending.pop()) {
    total += next.seconds;
    pending.push(...(children.get(next.pid) ?? []));
  }
  return total;
}

/** Busy and total CPU seconds of the whole machine, all cores, from /proc/stat. */
function machineSeconds(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
  const ticks = line.split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already inside user and nice).
  const total = ticks.slice(0, 8).reduce((sum, value) => sum + value, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return { busy: (total - idle) / clockTicks, total: total / clockTicks };
}

/** What to measure: CPU seconds so far, by name (e.g. treeCpuSeconds of some processes). */
export type CpuGroups<Name extends string> = Record<Name, () => number>;
export type CpuSnapshot<Name extends string> = {
  at: number;
  machine: { busy: number; total: number };
  groups: Record<Name, number>;
};
/** Cores used on average between two snapshots: per group, by the whole machine, and the machine's cores. */
export type CpuUse<Name extends string> = {
  groups: Record<Name, number>;
  machine: number;
  cores: number;
  seconds: number;
};

const mapGroups = <Name extends string, From, To>(groups: Record<Name, From>, map: (value: From, name: Name) => To) =>
  Object.fromEntries(Object.entries<From>(groups).map(([name, value]) => [name, map(value, name as Name)])) as Record<
    Name,
    To
  >;

export function cpuSnapshot<Name extends string>(groups: CpuGroups<Name>): CpuSnapshot<Name> {
  return { at: performance.now(), machine: machineSeconds(), groups: mapGroups(groups, (used) => used()) };
}

export function cpuUse<Name extends string>(before: CpuSnapshot<Name>, after: CpuSnapshot<Name>): CpuUse<Name> {
  const seconds = (after.at - before.at) / 1000;
  const cores = os.cpus().length;
  return {
    seconds,
    cores,
    machine: ((after.machine.busy - before.machine.busy) / (after.machine.total - before.machine.total)) * cores,
    groups: mapGroups(after.groups, (used, name) => (used - before.groups[name]) / seconds),
  };
}

/** Several periods as one: each group's and the machine's cores averaged over the periods' time. */
export function combineCpuUse<Name extends string>(uses: readonly CpuUse<Name>[]): CpuUse<Name> {
  const seconds = uses.reduce((total, use) => total + use.seconds, 0);
  const average = (pick: (use: CpuUse<Name>) => number) =>
    uses.reduce((total, use) => total + pick(use) * use.seconds, 0) / seconds;
  return {
    seconds,
    cores: os.cpus().length,
    machine: average((use) => use.machine),
    groups: mapGroups(uses[0]!.groups, (_, name) => average((use) => use.groups[name])),
  };
}
