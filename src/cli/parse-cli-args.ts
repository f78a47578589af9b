import { parseArgs } from 'node:util';
import { VirthookError } from '../errors/virthook-error.js';
import { REPORTER_NAMES, type ReporterName } from '../report/render-report.js';
import { didYouMean } from '../scenario/did-you-mean.js';

/** One report to produce: which reporter, and the file it goes to (null for stdout). */
export interface ReportTarget {
  readonly reporter: ReporterName;
  readonly output: string | null;
}

/** What `virthook ...` asks for, validated. */
export type CliCommand =
  /** `usage`: no command given, so the help goes to stderr with exit code 2. */
  | { readonly command: 'help' | 'usage' }
  | { readonly command: 'version' }
  | {
      readonly command: 'run';
      readonly paths: readonly string[];
      readonly hooksDir: string | null;
      readonly libvirt: readonly string[] | null;
      readonly record: string | null;
      readonly reports: readonly ReportTarget[];
      readonly filter: string | null;
      readonly timeoutMs: number | null;
      readonly debug: boolean;
    };

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  hooks: { type: 'string' },
  libvirt: { type: 'string' },
  record: { type: 'string' },
  reporter: { type: 'string', multiple: true },
  output: { type: 'string', short: 'o', multiple: true },
  filter: { type: 'string' },
  timeout: { type: 'string' },
  debug: { type: 'boolean' },
} as const;

const COMMANDS = ['run', 'help'];

const usage = (message: string) => new VirthookError('OPTIONS_INVALID', message);

/** True when argv asks for stack traces, even if the rest of it is invalid. */
export const wantsDebug = (argv: readonly string[]) => argv.includes('--debug');

/** Parses argv (without node and the script) with node:util parseArgs; throws OPTIONS_INVALID for bad usage. */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    throw usage(explainParseError(error as Error));
  }
  const { values, positionals, tokens } = parsed;
  if (values.version) return { command: 'version' };
  const [command, ...paths] = positionals;
  if (values.help || command === 'help') return { command: 'help' };
  if (command === undefined) return { command: 'usage' };
  if (command !== 'run') {
    const suggestion = didYouMean(command, COMMANDS);
    throw usage(`Unknown command "${command}"${suggestion ? `; did you mean "${suggestion}"?` : '.'} Run virthook --help for usage.`);
  }
  return {
    command: 'run',
    paths,
    hooksDir: values.hooks ?? null,
    libvirt: values.libvirt === undefined ? null : parseLibvirtList(values.libvirt),
    record: values.record ?? null,
    reports: parseReports(tokens),
    filter: values.filter ?? null,
    timeoutMs: values.timeout === undefined ? null : parseTimeout(values.timeout),
    debug: values.debug ?? false,
  };
}

function parseLibvirtList(text: string): string[] {
  const versions = text.split(',').map((v) => v.trim()).filter((v) => v !== '');
  if (versions.length === 0) throw usage('--libvirt needs a release or a comma-separated list, e.g. --libvirt 9.0,11.3');
  return versions;
}

function parseTimeout(text: string): number {
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0) throw usage(`--timeout takes a positive number of seconds; got "${text}"`);
  return Math.round(seconds * 1000);
}

type Token = { kind: string; name?: string; value?: string | undefined };

/** `--reporter NAME[:FILE]`, each optionally followed by `--output FILE` (before any --reporter: pretty's); pretty on stdout by default. */
function parseReports(tokens: readonly Token[]): ReportTarget[] {
  const reports: { reporter: ReporterName; output: string | null }[] = [];
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    if (token.name === 'reporter') {
      const text = token.value ?? '';
      const colon = text.indexOf(':');
      const name = colon < 0 ? text : text.slice(0, colon);
      if (!(REPORTER_NAMES as readonly string[]).includes(name)) {
        const suggestion = didYouMean(name, REPORTER_NAMES);
        throw usage(`Unknown reporter "${name}"${suggestion ? `; did you mean "${suggestion}"?` : ''} (reporters: ${REPORTER_NAMES.join(', ')})`);
      }
      reports.push({ reporter: name as ReporterName, output: colon < 0 ? null : text.slice(colon + 1) || null });
    } else if (token.name === 'output') {
      if (reports.length === 0) reports.push({ reporter: 'pretty', output: null });
      const last = reports[reports.length - 1]!;
      if (last.output !== null) throw usage(`--output ${token.value}: the ${last.reporter} reporter already writes to ${last.output}`);
      last.output = token.value ?? null;
    }
  }
  return reports.length > 0 ? reports : [{ reporter: 'pretty', output: null }];
}

function explainParseError(error: Error): string {
  const unknown = /Unknown option '([^']+)'/u.exec(error.message);
  if (unknown) {
    const flag = unknown[1]!;
    const names = Object.keys(OPTIONS).map((name) => `--${name}`);
    const suggestion = didYouMean(flag, names);
    return `Unknown option ${flag}${suggestion ? `; did you mean ${suggestion}?` : '.'} Run virthook --help for usage.`;
  }
  return `${error.message.split('.')[0]}. Run virthook --help for usage.`;
}
