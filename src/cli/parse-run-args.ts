import { parseArgs } from 'node:util';
import { REPORTER_NAMES, type ReporterName } from '../report/render-report.js';
import { didYouMean } from '../scenario/did-you-mean.js';
import { parseShard, type Shard } from './shard-files.js';
import { explainParseError, parseMaxOutput, parseTimeout, usageError } from './usage-error.js';

/** One report to produce: which reporter, and the file it goes to (null for stdout). */
export interface ReportTarget {
  readonly reporter: ReporterName;
  readonly output: string | null;
}

/** `virthook run ...`, validated. */
export interface RunRequest {
  readonly command: 'run';
  readonly paths: readonly string[];
  readonly hooksDir: string | null;
  readonly libvirt: readonly string[] | null;
  readonly record: string | null;
  readonly reports: readonly ReportTarget[];
  readonly filter: string | null;
  readonly timeoutMs: number | null;
  /** `--max-output`: the output cap per stream, in bytes. */
  readonly maxOutputBytes: number | null;
  readonly debug: boolean;
  /** Run only what failed in the previous run (.virthook/last-run.json). */
  readonly rerunFailed: boolean;
  /** This CI runner's part of the suite. */
  readonly shard: Shard | null;
  /** Re-run affected scenarios on every change until interrupted. */
  readonly watch: boolean;
  /** Rewrite transcript snapshots instead of comparing them. */
  readonly update: boolean;
  /** `all`: also run every other combination of port-created replay orders the run could see. */
  readonly replayOrders: 'seed' | 'all';
  /** `--replay-orders all:N`: at most N runs per release (null: runScenario's default, 24). */
  readonly maxReplayOrders: number | null;
  /** Scenario runs at once on a worker pool; 1 runs them one after another in this process; null: one per core. */
  readonly jobs: number | null;
}

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
  'max-output': { type: 'string' },
  debug: { type: 'boolean' },
  'rerun-failed': { type: 'boolean' },
  shard: { type: 'string' },
  watch: { type: 'boolean', short: 'w' },
  update: { type: 'boolean', short: 'u' },
  'replay-orders': { type: 'string' },
  jobs: { type: 'string', short: 'j' },
} as const;

/** Parses `run`'s arguments (after the command word); `help` when -h/--help is among them. */
export function parseRunArgs(args: readonly string[]): RunRequest | { readonly command: 'help' | 'version' } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    throw usageError(explainParseError(error as Error, Object.keys(OPTIONS)));
  }
  const { values, positionals, tokens } = parsed;
  if (values.help) return { command: 'help' };
  if (values.version) return { command: 'version' };
  if (values.watch && values['rerun-failed']) throw usageError('--watch and --rerun-failed do not combine: watch mode re-runs what a change affects.');
  return {
    command: 'run',
    paths: positionals,
    hooksDir: values.hooks ?? null,
    libvirt: values.libvirt === undefined ? null : parseLibvirtList(values.libvirt),
    record: values.record ?? null,
    reports: parseReports(tokens),
    filter: values.filter ?? null,
    timeoutMs: values.timeout === undefined ? null : parseTimeout(values.timeout),
    maxOutputBytes: values['max-output'] === undefined ? null : parseMaxOutput(values['max-output']),
    debug: values.debug ?? false,
    rerunFailed: values['rerun-failed'] ?? false,
    shard: values.shard === undefined ? null : parseShard(values.shard),
    watch: values.watch ?? false,
    update: values.update ?? false,
    ...parseReplayOrders(values['replay-orders']),
    jobs: parseJobs(values.jobs),
  };
}

function parseJobs(text: string | undefined): number | null {
  if (text === undefined) return null;
  const jobs = Number(text);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) throw usageError(`--jobs takes a whole number of workers from 1 to 64, not "${text}"`);
  return jobs;
}

/** `seed`, `all` or `all:N` (N runs at most per release, the seeded one included). */
function parseReplayOrders(text: string | undefined): Pick<RunRequest, 'replayOrders' | 'maxReplayOrders'> {
  if (text === undefined || text === 'seed') return { replayOrders: 'seed', maxReplayOrders: null };
  if (text === 'all') return { replayOrders: 'all', maxReplayOrders: null };
  const bounded = /^all:(\d+)$/.exec(text);
  const max = bounded ? Number(bounded[1]) : NaN;
  if (Number.isSafeInteger(max) && max >= 1) return { replayOrders: 'all', maxReplayOrders: max };
  throw usageError(`--replay-orders takes "all", "all:N" (at most N runs per release, N >= 1) or "seed", not "${text}"`);
}

function parseLibvirtList(text: string): string[] {
  const versions = text.split(',').map((v) => v.trim()).filter((v) => v !== '');
  if (versions.length === 0) throw usageError('--libvirt needs a release or a comma-separated list, e.g. --libvirt 9.0,11.3');
  return versions;
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
        throw usageError(`Unknown reporter "${name}"${suggestion ? `; did you mean "${suggestion}"?` : ''} (reporters: ${REPORTER_NAMES.join(', ')})`);
      }
      reports.push({ reporter: name as ReporterName, output: colon < 0 ? null : text.slice(colon + 1) || null });
    } else if (token.name === 'output') {
      if (reports.length === 0) reports.push({ reporter: 'pretty', output: null });
      const last = reports[reports.length - 1]!;
      if (last.output !== null) throw usageError(`--output ${token.value}: the ${last.reporter} reporter already writes to ${last.output}`);
      last.output = token.value ?? null;
    }
  }
  return reports.length > 0 ? reports : [{ reporter: 'pretty', output: null }];
}
