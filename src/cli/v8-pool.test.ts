import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { poolSizeGiven, poolSizeOf, v8PoolSize } from './v8-pool.js';

test('the pool leaves one core to the event loop, within Node\'s default of four threads', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 64].map((c) => v8PoolSize(c)), [1, 1, 2, 3, 4, 4]);
});

test('an operator\'s own pool size, on the command line or in NODE_OPTIONS, is kept', () => {
  assert.equal(poolSizeGiven(['--expose-gc', '--v8-pool-size=8'], ''), true);
  assert.equal(poolSizeGiven([], '--max-old-space-size=4096 --v8-pool-size=2'), true);
  assert.equal(poolSizeGiven(['--expose-gc'], '--max-old-space-size=4096'), false);
  assert.equal(poolSizeOf(['--v8-pool-size=1', '--expose-gc'], ''), 1);
});

test('bulwark serve runs with the pool sized to this machine and stops on SIGTERM', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-pool-'));
  const serve = spawn(process.execPath, [resolve('dist/cli/main.js'), 'serve', '--port', '0', '--host', '127.0.0.1'], {
    env: { ...process.env, BULWARK_DATA_DIR: dir, DATABASE_URL: '', NODE_OPTIONS: '', BULWARK_LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  try {
    let err = '';
    const address = await new Promise<string>((ok, fail) => {
      serve.stderr.on('data', (d: Buffer) => {
        err += d.toString();
        const m = /serving on (http:\/\/\S+)/.exec(err);
        if (m) ok(m[1]!);
      });
      serve.on('exit', (code) => fail(new Error(`serve exited (${code}): ${err}`)));
    });
    assert.equal((await fetch(`${address}/health`)).status, 200);
    // the server itself: this process, or its child when it had to run again with the pool's size
    const children = execFileSync('ps', ['-o', 'args=', '--ppid', String(serve.pid)], { encoding: 'utf8' }).trim();
    const size = v8PoolSize();
    if (size === 4) assert.doesNotMatch(children, /--v8-pool-size/);
    else assert.match(children, new RegExp(`--v8-pool-size=${size} .*serve`));
    const exit = new Promise<number | null>((ok) => serve.once('exit', (code) => ok(code)));
    serve.kill('SIGTERM');
    assert.equal(await exit, 0);
    await assert.rejects(fetch(`${address}/health`), 'nothing serves once it stopped');
  } finally {
    serve.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
