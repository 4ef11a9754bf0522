#!/usr/bin/env node
/**
 * The `bulwark` command line. Each command is a thin layer over the same services as the HTTP API.
 * Exit codes: 0 success; 1 the input had invalid objects (validate/import); 2 usage, settings or
 * file errors.
 */
import { Command, Option } from 'commander';
import { isAppError } from '../errors.js';
import { registerIntelCommands } from './intel.commands.js';
import { registerAdminCommands } from './admin.commands.js';
import { registerServeCommands } from './serve.commands.js';
import { registerRegisterCommands } from './register.commands.js';
import { registerCascadeCommands } from './cascade.commands.js';
import { registerGenerateCommands } from './generate.commands.js';
import { registerExposureCommands } from './exposure.commands.js';

// a closed pipe (e.g. `bulwark export | head`) ends the command quietly
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const program = new Command('bulwark')
  .description('Bulwark: threat intelligence and protective security for critical national infrastructure.')
  .version('0.1.0')
  .showHelpAfterError()
  .addOption(new Option('--data-dir <dir>', 'embedded store directory (overrides BULWARK_DATA_DIR)'))
  .hook('preAction', (cmd) => {
    const dir = cmd.opts<{ dataDir?: string }>().dataDir;
    if (dir) process.env.BULWARK_DATA_DIR = dir;
  });

registerServeCommands(program);
registerIntelCommands(program);
registerAdminCommands(program);
registerRegisterCommands(program);
registerCascadeCommands(program);
registerGenerateCommands(program);
registerExposureCommands(program);

program.parseAsync(process.argv).catch((e: unknown) => {
  if (isAppError(e)) {
    process.stderr.write(`bulwark: ${e.message}\n`);
    for (const d of e.details) process.stderr.write(`  ${d.path ? `${d.path}: ` : ''}${d.message}\n`);
  } else {
    process.stderr.write(`bulwark: ${(e as Error)?.stack ?? String(e)}\n`);
  }
  process.exit(2);
});
