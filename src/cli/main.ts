import { callCommand } from './call-command.js';
import type { CliIo } from './cli-io.js';
import { exitCodeOf, formatCliError } from './format-cli-error.js';
import { HELP_TEXT } from './help-text.js';
import { initCommand } from './init-command.js';
import { parseCliArgs, wantsDebug } from './parse-cli-args.js';
import { readVersion } from './read-version.js';
import { runCommand } from './run-command.js';

/**
 * The virthook CLI as a plain function: argv (without node and the script) and injected io in,
 * exit code out. 0 all scenarios passed (or the hook call succeeded), 1 one failed, 2 usage or
 * bad input, 3 internal error.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const debug = wantsDebug(argv);
  try {
    const request = parseCliArgs(argv);
    switch (request.command) {
      case 'help':
        io.stdout.write(HELP_TEXT);
        return 0;
      case 'usage':
        io.stderr.write(HELP_TEXT);
        return 2;
      case 'version':
        io.stdout.write(`${await readVersion()}\n`);
        return 0;
      case 'run':
        return await runCommand(request, io);
      case 'init':
        return await initCommand(request, io);
      case 'call':
        return await callCommand(request, io);
    }
  } catch (error) {
    io.stderr.write(formatCliError(error, debug));
    return exitCodeOf(error);
  }
}
