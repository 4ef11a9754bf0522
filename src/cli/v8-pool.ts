/**
 * The size of V8's pool of background threads for long-running processes (`bulwark serve`, the exposure
 * benchmark).
 *
 * V8 runs optimising compilation (TurboFan) and parts of garbage collection on a pool of background
 * threads, four by default in Node. On a machine of few cores those threads take the event loop's core
 * whenever they are busy. Measured on 2 cores with the exposure engine: in the 400 upserts that follow
 * a full load, the pool compiled for about as long as the 400 upserts took, and the main thread was
 * preempted in the slow calls. Slow calls are those over 1 ms that met no garbage collection:
 * - 12-14 per run with four threads (p99 4.3-6.0 ms);
 * - 5-7 with one (p99 2.2-2.9 ms).
 * Full evaluation was unchanged (15.1-15.7 s).
 *
 * So these processes run with a pool of (cores − 1) threads, at least 1 and at most Node's 4. Node
 * reads the setting only at start, so a process that needs another size runs its command again in a
 * child with `--v8-pool-size`, which the parent waits for (signals passed on). An operator's own
 * `--v8-pool-size` (on the command line or in NODE_OPTIONS) is left as it is.
 */
import { spawn } from 'node:child_process';
import { availableParallelism, constants } from 'node:os';

const NODE_DEFAULT = 4;

/** The pool size for a machine of `cores` cores. */
export function v8PoolSize(cores = availableParallelism()): number {
  return Math.max(1, Math.min(NODE_DEFAULT, cores - 1));
}

/** The pool size the process was started with (flag or NODE_OPTIONS), if it was given one. */
export function poolSizeOf(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ''): number | undefined {
  const m = /(?:^|\s)--v8-pool-size[= ](\d+)/.exec(` ${[...execArgv, nodeOptions].join(' ')}`);
  return m ? Number(m[1]) : undefined;
}

/** Whether the process was started with a pool size of its own. */
export function poolSizeGiven(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ''): boolean {
  return poolSizeOf(execArgv, nodeOptions) !== undefined;
}

/**
 * Runs this process's command again with the pool sized for this machine, when it needs another size
 * than Node's default and none was given: resolves to the child's exit code (the caller exits with it),
 * or to null when this process may go on as it is.
 */
export function rerunWithPool(): Promise<number | null> {
  const size = v8PoolSize();
  if (size === NODE_DEFAULT || poolSizeGiven()) return Promise.resolve(null);
  const child = spawn(process.execPath, [...process.execArgv, `--v8-pool-size=${size}`, ...process.argv.slice(1)], { stdio: 'inherit' });
  const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((s) => [s, () => void child.kill(s)] as const);
  for (const [s, h] of handlers) process.on(s, h);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      for (const [s, h] of handlers) process.off(s, h);
      resolve(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1));
    });
  });
}
