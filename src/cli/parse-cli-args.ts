import { parseArgs } from 'node:util';
import { didYouMean } from '../scenario/did-you-mean.js';
import { parseCallArgs, type CallRequest } from './parse-call-args.js';
import { parseRunArgs, type RunRequest } from './parse-run-args.js';
import { explainParseError, usageError } from './usage-error.js';

export type { ReportTarget, RunRequest } from './parse-run-args.js';
export type { CallRequest } from './parse-call-args.js';

/** `virthook init [DIR]`: scaffold scenarios and a CI workflow in a hooks repository. */
export interface InitRequest {
  readonly command: 'init';
  /** The repository to scaffold, relative to the cwd. */
  readonly dir: string;
}

/** What `virthook ...` asks for, validated. */
export type CliCommand =
  /** `usage`: no command given, so the help goes to stderr with exit code 2. */
  | { readonly command: 'help' | 'usage' }
  | { readonly command: 'version' }
  | RunRequest
  | InitRequest
  | CallRequest;

const COMMANDS = ['run', 'init', 'call', 'help'];

const GLOBAL_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  debug: { type: 'boolean' },
} as const;

/** True when argv asks for stack traces, even if the rest of it is invalid. */
export const wantsDebug = (argv: readonly string[]) => argv.includes('--debug');

/**
 * Parses argv (without node and the script): the first word that is not an option is the
 * command, the rest its arguments. Throws OPTIONS_INVALID for bad usage.
 */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  const at = argv.findIndex((arg) => !arg.startsWith('-'));
  if (at < 0 || argv.slice(0, at).some((arg) => !(arg in flagsOf(GLOBAL_OPTIONS)))) return parseGlobal(argv);
  const command = argv[at]!;
  const rest = [...argv.slice(0, at), ...argv.slice(at + 1)];
  switch (command) {
    case 'run':
      return parseRunArgs(rest);
    case 'call':
      return parseCallArgs(rest);
    case 'init':
      return parseInitArgs(rest);
    case 'help':
      return { command: 'help' };
    default: {
      const suggestion = didYouMean(command, COMMANDS);
      throw usageError(`Unknown command "${command}"${suggestion ? `; did you mean "${suggestion}"?` : '.'} Run virthook --help for usage.`);
    }
  }
}

/** `--help`, `--version`, or nothing: the options that need no command. */
function parseGlobal(argv: readonly string[]): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: GLOBAL_OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError(explainParseError(error as Error, ['run', 'init', 'call', ...Object.keys(GLOBAL_OPTIONS)]));
  }
  if (parsed.values.version) return { command: 'version' };
  if (parsed.values.help) return { command: 'help' };
  if (parsed.positionals.length > 0) return parseCliArgs(parsed.positionals);
  return { command: 'usage' };
}

function parseInitArgs(args: readonly string[]): InitRequest | { readonly command: 'help' } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: GLOBAL_OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError(explainParseError(error as Error, Object.keys(GLOBAL_OPTIONS)));
  }
  if (parsed.values.help) return { command: 'help' };
  if (parsed.positionals.length > 1) throw usageError(`virthook init takes one directory; got ${parsed.positionals.map((p) => `"${p}"`).join(' ')}`);
  return { command: 'init', dir: parsed.positionals[0] ?? '.' };
}

/** Every spelling of the options (`--help`, `-h`). */
function flagsOf(options: object): Record<string, true> {
  return Object.fromEntries(Object.entries(options as Record<string, { short?: string }>).flatMap(([name, o]) => [[`--${name}`, true], ...(o.short ? [[`-${o.short}`, true]] : [])]));
}
