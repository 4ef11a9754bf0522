/** Shared helpers for benchmarks: child processes, timing, figures. */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
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
