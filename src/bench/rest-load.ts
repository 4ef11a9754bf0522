/**
 * Open-loop HTTP load: requests are sent on a fixed schedule (rate per second) whatever the
 * server's latency, and each latency is measured from its scheduled start, so queueing shows in
 * the percentiles (no coordinated omission). Loopback only.
 */
import http from 'node:http';
import { percentile } from './bench-util.js';

export interface LoadResult {
  sent: number;
  ok: number;
  errors: number;
  achievedRps: number;
  p50: number;
  p99: number;
  max: number;
}

export async function openLoop(opts: {
  port: number; token: string; paths: string[]; rps: number; seconds: number;
}): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const total = Math.floor(opts.rps * opts.seconds);
  const latencies: number[] = [];
  let ok = 0;
  let errors = 0;
  const start = performance.now();
  const done: Promise<void>[] = [];
  const one = (path: string, scheduled: number) =>
    new Promise<void>((resolve) => {
      const req = http.request(
        { host: '127.0.0.1', port: opts.port, path, agent, headers: { authorization: `Bearer ${opts.token}` } },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - scheduled);
            if (res.statusCode === 200) ok++;
            else errors++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end();
    });
  for (let i = 0; i < total; i++) {
    const scheduled = start + (i * 1000) / opts.rps;
    const wait = scheduled - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    // a request sent a little early (timer granularity) is timed from when it was sent
    done.push(one(opts.paths[i % opts.paths.length]!, Math.min(scheduled, performance.now())));
  }
  await Promise.all(done);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    sent: total, ok, errors, achievedRps: total / elapsed,
    p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies[latencies.length - 1] ?? 0,
  };
}
