/** bulwark orgs | users | audit */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { errors } from '../errors.js';
import { CLEARANCES, ROLES, type Clearance, type Role } from '../access/policy.js';
import { formatAnchor, parseAnchor } from '../access/audit-log.js';
import { printJson, withApp } from './context.js';
import { repoSubjectByUsername } from './subjects.js';

function oneOf<T extends string>(name: string, v: string | undefined, allowed: readonly T[]): T | undefined {
  if (v === undefined) return undefined;
  const up = allowed.find((a) => a.toLowerCase() === v.toLowerCase().replace(/_/g, ' '));
  if (!up) throw errors.badRequest(`${name} must be one of ${allowed.join(', ')}; got '${v}'.`, [{ path: name, message: 'not allowed' }]);
  return up;
}

function readPassword(o: { password?: string; passwordStdin?: boolean }): string | undefined {
  if (o.passwordStdin) return readFileSync(0, 'utf8').replace(/\r?\n$/, '');
  return o.password;
}

export function registerAdminCommands(program: Command): void {
  const orgs = program.command('orgs').description('Organisations');
  orgs.command('create').argument('<name>').option('--id <slug>', 'organisation id (default: from the name)')
    .option('--identity <ref>', 'STIX identity id of the organisation')
    .action(async (name: string, o: { id?: string; identity?: string }) => {
      await withApp(async ({ app, system }) => printJson(await app.users.createOrganisation(system, { name, ...(o.id ? { id: o.id } : {}), identityRef: o.identity ?? null })));
    });
  orgs.command('list').action(async () => {
    await withApp(async ({ app, system }) => printJson(await app.users.listOrganisations(system)));
  });

  const users = program.command('users').description('Users, roles, clearances and API tokens');
  users.command('create').argument('<username>')
    .requiredOption('--org <org>', 'organisation id')
    .requiredOption('--role <role>', ROLES.join(' | '))
    .option('--clearance <level>', CLEARANCES.join(' | '), 'OFFICIAL')
    .option('--password <password>', 'initial password (prefer --password-stdin)')
    .option('--password-stdin', 'read the password from standard input')
    .action(async (username: string, o: { org: string; role: string; clearance: string; password?: string; passwordStdin?: boolean }) => {
      const role = oneOf<Role>('role', o.role, ROLES)!;
      const clearance = oneOf<Clearance>('clearance', o.clearance, CLEARANCES)!;
      const password = readPassword(o);
      await withApp(async ({ app, system }) => printJson(await app.users.createUser(system, { username, orgId: o.org, role, clearance, ...(password ? { password } : {}) })));
    });
  users.command('grant').argument('<username>')
    .option('--role <role>', ROLES.join(' | '))
    .option('--clearance <level>', CLEARANCES.join(' | '))
    .action(async (username: string, o: { role?: string; clearance?: string }) => {
      const change: { role?: Role; clearance?: Clearance } = {};
      const role = oneOf<Role>('role', o.role, ROLES);
      const clearance = oneOf<Clearance>('clearance', o.clearance, CLEARANCES);
      if (role) change.role = role;
      if (clearance) change.clearance = clearance;
      if (!role && !clearance) throw errors.badRequest('Give --role and/or --clearance.');
      await withApp(async ({ app, system }) => {
        const s = await repoSubjectByUsername(app, username);
        printJson(await app.users.grant(system, s.userId, change));
      });
    });
  users.command('token').argument('<username>').option('--name <name>', 'what the token is for', 'cli')
    .option('--expires <ts>', 'expiry (RFC 3339); default never')
    .action(async (username: string, o: { name: string; expires?: string }) => {
      await withApp(async ({ app, system }) => {
        const s = await repoSubjectByUsername(app, username);
        const t = await app.users.createToken(system, { userId: s.userId, name: o.name, ...(o.expires ? { expiresAt: o.expires } : {}) });
        printJson({ token: t.token, id: t.info.id, note: 'The token is shown once; store it now.' });
      });
    });
  users.command('revoke-token').argument('<token-id>').action(async (id: string) => {
    await withApp(async ({ app, system }) => printJson(await app.users.revokeToken(system, id)));
  });
  users.command('list').option('--org <org>').action(async (o: { org?: string }) => {
    await withApp(async ({ app, system }) => printJson(await app.users.listUsers(system, o.org ? { orgId: o.org } : {})));
  });
  users.command('disable').argument('<username>').action(async (username: string) => {
    await withApp(async ({ app, system }) => {
      const s = await repoSubjectByUsername(app, username);
      printJson(await app.users.disableUser(system, s.userId));
    });
  });

  const audit = program.command('audit').description('The tamper-evident audit log');
  audit.command('verify')
    .description('Check the hash chain; names the first altered, removed or reordered entry')
    .option('--anchor <anchor>', 'a head anchor printed by an earlier verify (seq:hash), to detect truncation')
    .option('--json', 'print the result as JSON')
    .action(async (o: { anchor?: string; json?: boolean }) => {
      await withApp(async ({ app }) => {
        const r = await app.audit.verify(o.anchor ? { anchor: parseAnchor(o.anchor) } : {});
        if (o.json) printJson(r);
        else if (r.ok) {
          const head = await app.audit.head();
          process.stdout.write(`audit log intact: ${r.entries} entries${head ? `; anchor ${formatAnchor(head)} (keep it to detect later truncation)` : ''}\n`);
        } else {
          process.stdout.write(`audit log TAMPERED: ${r.firstBad.message} (first bad entry: seq ${r.firstBad.seq}, ${r.firstBad.reason})\n`);
        }
        if (!r.ok) process.exitCode = 1;
      });
    });
  audit.command('list').option('--after <seq>', 'entries after this sequence number', '0').option('--limit <n>', 'how many', '50')
    .action(async (o: { after: string; limit: string }) => {
      await withApp(async ({ app }) => printJson(await app.audit.list({ afterSeq: Number(o.after), limit: Number(o.limit) })));
    });
}
