/** The `bulwark` command as a real child process over a temporary embedded store, for CLI tests. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const CLI = resolve('dist/cli/main.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A fresh temporary directory (`dir`) with a store in `dir/store`, and a runner of `bulwark` over it. */
export function cliSandbox(prefix: string): { dir: string; store: string; bulwark(args: string[], input?: string, env?: NodeJS.ProcessEnv): CliResult } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const store = join(dir, 'store');
  return {
    dir,
    store,
    bulwark(args, input, env = {}) {
      const r = spawnSync(process.execPath, [CLI, ...args], {
        env: { ...process.env, BULWARK_DATA_DIR: store, DATABASE_URL: '', BULWARK_LOG_LEVEL: 'silent', ...env },
        input, encoding: 'utf8',
      });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    },
  };
}
