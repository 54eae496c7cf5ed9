import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times (100 on Linux almost everywhere; asked once). */
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/**
 * CPU seconds (user + system, every thread) a process has used so far, from /proc/<pid>/stat.
 * A figure that moves less with a noisy machine than a rate does.
 */
export function processCpuSeconds(pid: number): number {
  return cpuSecondsOf(readFileSync(`/proc/${pid}/stat`, 'utf8'));
}

/** User + system CPU seconds in a /proc/<pid>/stat line. */
function cpuSecondsOf(stat: string): number {
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Resident memory of a process now, in MB, from /proc/<pid>/status. */
export function residentMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

/**
 * CPU seconds the whole machine has been busy so far (every core: user, nice, system, interrupts,
 * steal; not idle nor I/O wait), from /proc/stat: with a process's own, what the processes a run
 * does not start (PostgreSQL, the broker) took.
 */
export function machineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
  const [user, nice, system, , , irq, softirq, steal] = line
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return (
    [user, nice, system, irq, softirq, steal].reduce<number>((sum, t) => sum + (t ?? 0), 0) /
    TICKS_PER_SECOND
  );
}

/**
 * CPU seconds so far of every running process whose command name starts with one of `names`
 * (e.g. `postgres`: the server and every backend), by name. A process that ended since is not
 * counted: measure between two readings during which the processes of interest stay up.
 */
export function commandCpuSeconds(names: readonly string[]): Map<string, number> {
  const totals = new Map(names.map((name) => [name, 0]));
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const name = names.find((n) => command.startsWith(n));
      if (name === undefined) continue;
      totals.set(name, (totals.get(name) ?? 0) + cpuSecondsOf(stat));
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return totals;
}
