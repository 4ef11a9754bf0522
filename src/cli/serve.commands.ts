/** bulwark serve | demo */
import type { Command } from 'commander';
import { errors } from '../errors.js';
import { loadSettings } from '../config/settings.js';
import { openApp } from '../app.js';
import { systemSubject } from '../access/policy.js';
import { seedDemo, storeIsEmpty } from '../demo/seed.js';
import { withApp } from './context.js';
import { rerunWithPool } from './v8-pool.js';

export function registerServeCommands(program: Command): void {
  program
    .command('serve')
    .description('Serve the REST API, its OpenAPI document (/openapi.json) and docs (/docs)')
    .option('--port <port>', 'port (overrides BULWARK_PORT)')
    .option('--host <host>', 'address to bind (overrides BULWARK_HOST)')
    .action(async (o: { port?: string; host?: string }) => {
      // V8's background threads sized to this machine (v8-pool.ts): the server then runs in a child
      const rerun = await rerunWithPool();
      if (rerun !== null) process.exit(rerun);
      if (o.port) process.env.BULWARK_PORT = o.port;
      if (o.host) process.env.BULWARK_HOST = o.host;
      const settings = loadSettings();
      const app = await openApp(settings);
      const { buildServer } = await import('../api/server.js');
      const server = await buildServer(app, { logger: settings.logLevel === 'silent' ? false : { level: settings.logLevel } });
      const shutdown = async () => {
        await server.close();
        await app.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void shutdown());
      process.once('SIGTERM', () => void shutdown());
      const address = await server.listen({ port: settings.port, host: settings.host });
      process.stderr.write(`Bulwark is serving on ${address} (store: ${settings.databaseUrl ? 'PostgreSQL' : settings.dataDir}); API docs at ${address}/docs\n`);
    });

  program
    .command('demo')
    .description('Seed an empty store with demo organisations, users (credentials printed once) and generated intelligence')
    .option('--objects <n>', 'how many intelligence objects to generate', '5000')
    .option('--assets <n>', 'how many infrastructure assets to generate (1,000 or more)', '1000')
    .option('--seed <n>', 'generator seed', '1')
    .option('--if-empty', 'do nothing (and succeed) when the store already holds data')
    .action(async (o: { objects: string; assets: string; seed: string; ifEmpty?: boolean }) => {
      await withApp(async ({ app, settings }) => {
        if (!(await storeIsEmpty(app))) {
          if (o.ifEmpty) {
            process.stderr.write('The store already holds data: demo not seeded (its credentials were printed when it was).\n');
            return;
          }
          throw errors.conflict(`The store (${settings.databaseUrl ? 'DATABASE_URL' : settings.dataDir}) already holds data; seed the demo into an empty one (set BULWARK_DATA_DIR or --data-dir).`);
        }
        const objects = Number(o.objects);
        const seed = Number(o.seed);
        if (!Number.isInteger(objects) || objects < 0) throw errors.badRequest(`--objects must be a whole number; got '${o.objects}'.`);
        const assets = Number(o.assets);
        if (!Number.isInteger(assets) || assets < 1000) throw errors.badRequest(`--assets must be a whole number ≥ 1000; got '${o.assets}'.`);
        const r = await seedDemo(app, systemSubject('cli:demo'), { seed, objects, assets });
        process.stdout.write(`Demo seeded: ${r.intel.imported} intelligence objects (${r.intel.rejected} rejected) for organisations ${r.organisations.join(', ')}.\n`);
        const c = r.register.counts;
        process.stdout.write(`Infrastructure register: ${c.asset.inserted} assets, ${c.component.inserted} components, ${c.dependency.inserted} dependencies of ${c.organisation.inserted + c.organisation.updated} operators (generated, seed ${seed}).\n`);
        const x = r.exposure;
        process.stdout.write(`Vulnerability data (generated for the catalogue's products, marked GENERATED): ${x.nvd.inserted} CVE records, ${x.kev.inserted} KEV entries, ${x.epss.inserted} EPSS scores, ${x.csaf.inserted} CSAF advisory; see \`bulwark exposure\`.\n`);
        process.stdout.write('Demo users (these passwords are shown once):\n');
        for (const u of r.users) process.stdout.write(`  ${u.username.padEnd(9)} ${u.password}  ${u.role}, ${u.clearance}, ${u.orgId}\n`);
      });
    });
}
