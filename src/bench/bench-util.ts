/** Shared helpers for benchmarks: child processes, timing, figures. */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const SHARED = resolve(process.env.BULWARK_SHARED_DATA ?? '../shared/data');
export const WORK = resolve('.bench');

export function workDir(name: string): string {
  const d = resolve(WORK, name);
  mkdirSync(d, { recursive: true });
  return d;
}

export function sharedFile(rel: string): string | undefined {
  const p = resolve(SHARED, rel);
  return existsSync(p) ? p : undefined;
}

export interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

/** Runs `node args…` and times it from spawn to exit. */
export function runNode(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ChildResult> {
  return new Promise((resolveRun, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolveRun({ code, stdout, stderr, seconds: Number(process.hrtime.bigint() - t0) / 1e9 }));
  });
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function line(label: string, value: string, target?: string, ok?: boolean): void {
  const verdict = ok === undefined ? '' : ok ? '  PASS' : '  MISS';
  process.stdout.write(`${label.padEnd(58)} ${value.padStart(16)}${target ? `   target ${target}` : ''}${verdict}\n`);
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/**
 * CPU seconds used so far by the processes of the local PostgreSQL server (every process named
 * `postgres`, from /proc; 0 where /proc is absent). The difference over a run is the server's
 * share of an import, which the importer's own CPU time leaves out.
 */
export function postgresCpuSeconds(): number {
  let ticks = 0;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return 0;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
      const f = stat.slice(close + 2).split(' ');
      // utime, stime, and cutime, cstime: a connection's backend ends with its connection, and its
      // time then counts in its parent's (the postmaster's) cutime and cstime (fields 14-17)
      ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    } catch {
      /* the process ended meanwhile */
    }
  }
  return ticks / 100; // USER_HZ
}
