import { posix } from 'node:path';
import type { Problem } from '../errors/virthook-error.js';
import { LIBVIRT_CLIENTS } from './command-allowlist.js';
import type { CommandDouble, CommandReply, DoublesConfig, LibvirtCallbacks, ReplyRule } from './doubles-config.js';
import { LIBVIRT_CALLBACK_REPLY } from './violation-messages.js';

/** One scripted reply as written in a scenario or in code. */
export interface ReplyOptions {
  /** Exact arguments after the command name. */
  readonly argv?: readonly string[];
  /** A regular expression searched in the arguments joined by single spaces. */
  readonly matches?: string;
  /** Answer this many calls, then let later replies answer. */
  readonly times?: number;
  /** @default '' */
  readonly stdout?: string;
  /** @default '' */
  readonly stderr?: string;
  /** @default 0 */
  readonly exit?: number;
}

/** One double as written: scripted replies (first match wins) and/or a sequence (one reply per call). */
export interface DoubleOptions {
  readonly replies?: readonly ReplyOptions[];
  /** Answers one call each, in order, after `replies` found no match; then the default (exit 0). */
  readonly sequence?: readonly Omit<ReplyOptions, 'argv' | 'matches' | 'times'>[];
}

/** The doubles section of a scenario, a step, or the runner's `doubles` option. */
export interface DoublesOptions {
  /**
   * Command name or absolute path -> double. `{}`, `null` or `true` is a spy (exit 0, no output);
   * `false` turns a built-in double (`virsh`, `logger`) off.
   */
  readonly doubles?: Readonly<Record<string, DoubleOptions | null | boolean>>;
  /** @default false (the scenario layer turns it on in CI) */
  readonly strict?: boolean;
  /** @default [] */
  readonly allow?: readonly string[];
  /** @default 'flag' */
  readonly libvirtCallbacks?: LibvirtCallbacks;
}

/** A doubles section checked and completed, with every problem found (not just the first). */
export interface NormalizedDoubles {
  readonly config: DoublesConfig;
  readonly problems: readonly Problem[];
}

const SECTION_KEYS = ['doubles', 'strict', 'allow', 'libvirtCallbacks'];
const DOUBLE_KEYS = ['replies', 'sequence'];
const REPLY_KEYS = ['argv', 'matches', 'times', 'stdout', 'stderr', 'exit'];
const SEQUENCE_KEYS = ['stdout', 'stderr', 'exit'];

function show(value: unknown): string {
  const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  const text = JSON.stringify(value) ?? String(value);
  return `${text.length > 40 ? `${text.slice(0, 37)}...` : text} (${type})`;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a double's key is a bare command name or a clean absolute path. */
export function commandKeyProblem(key: string): string | null {
  if (key.startsWith('/')) {
    return key !== '/' && posix.normalize(key) === key && !key.endsWith('/') && !key.includes('\0') ? null : 'must be a clean absolute path (no "..", "//" or trailing "/")';
  }
  return key !== '' && key !== '.' && key !== '..' && !key.includes('/') && !key.includes('\0') ? null : 'must be a command name or an absolute path';
}

/**
 * Validates a doubles section (`doubles`, `strict`, `allow`, `libvirtCallbacks`) and applies the
 * defaults: a `virsh` double (a libvirt callback) and a `logger` spy unless turned off with `false`.
 * Pure: the scenario layer calls it with the section's location; paths read `doubles.iptables.replies[0].exit`.
 */
export function normalizeDoubles(input: unknown, where: { readonly file?: string; readonly path?: string } = {}): NormalizedDoubles {
  const problems: Problem[] = [];
  const file = where.file ?? 'doubles';
  const at = (path: string) => (where.path ? `${where.path}.${path}` : path);
  const problem = (path: string, message: string) => problems.push({ file, path: at(path), message: `${at(path)} ${message}` });
  const section = isRecord(input) ? input : {};
  if (input !== undefined && input !== null && !isRecord(input)) problem('doubles', `section must be an object, got ${show(input)}`);
  for (const key of Object.keys(section)) if (!SECTION_KEYS.includes(key)) problem(key, `is not a doubles setting (known: ${SECTION_KEYS.join(', ')})`);
  const strict = section.strict ?? false;
  if (typeof strict !== 'boolean') problem('strict', `must be true or false, got ${show(strict)}`);
  const libvirtCallbacks = section.libvirtCallbacks ?? 'flag';
  if (libvirtCallbacks !== 'flag' && libvirtCallbacks !== 'allow') problem('libvirtCallbacks', `must be 'flag' or 'allow', got ${show(libvirtCallbacks)}`);
  const allow = section.allow ?? [];
  if (!Array.isArray(allow) || !allow.every((name) => typeof name === 'string' && !name.includes('/') && name !== '')) {
    problem('allow', `must be a list of command names (no "/"), got ${show(allow)}`);
  }
  const flag = libvirtCallbacks !== 'allow';
  const declared = section.doubles ?? {};
  if (!isRecord(declared)) problem('doubles', `must map command names or absolute paths to doubles, got ${show(declared)}`);
  const entries: Array<[string, unknown]> = Object.entries(isRecord(declared) ? declared : {});
  const named = new Set(entries.map(([key]) => key));
  // Built-ins, unless the section names them: virsh (a call back into libvirt) and a logger spy.
  const commands: CommandDouble[] = [];
  if (!named.has('virsh')) commands.push(double('virsh', flag ? [{ reply: LIBVIRT_CALLBACK_REPLY }] : []));
  if (!named.has('logger')) commands.push(double('logger', []));
  for (const [name, value] of entries) {
    const key = /^[A-Za-z0-9_][A-Za-z0-9_.+-]*$/.test(name) ? `doubles.${name}` : `doubles[${JSON.stringify(name)}]`;
    const keyProblem = commandKeyProblem(name);
    if (keyProblem !== null) problem(key, keyProblem);
    if (value === false) continue;
    if (value === null || value === true) {
      commands.push(double(name, []));
      continue;
    }
    if (!isRecord(value)) {
      problem(key, `must be a double ({ replies, sequence }), {} for a spy or false to turn it off, got ${show(value)}`);
      continue;
    }
    const before = problems.length;
    for (const k of Object.keys(value)) if (!DOUBLE_KEYS.includes(k)) problem(`${key}.${k}`, `is not a double setting (known: ${DOUBLE_KEYS.join(', ')})`);
    const rules = [
      ...list(value.replies, `${key}.replies`, REPLY_KEYS, problem),
      ...list(value.sequence, `${key}.sequence`, SEQUENCE_KEYS, problem).map((rule) => ({ ...rule, times: 1 })),
    ];
    const catchAll = rules.findIndex((r) => r.argv === undefined && r.matches === undefined && r.times === undefined);
    // Only worth saying when the replies are otherwise valid (a rejected `times` makes a false catch-all).
    if (problems.length === before && catchAll >= 0 && catchAll < rules.length - 1) {
      problem(key, `has replies that can never answer: replies[${catchAll}] has no argv, matches or times, so it answers every call`);
    }
    commands.push(double(name, rules));
  }
  const config: DoublesConfig = {
    commands,
    strict: strict === true,
    allow: Array.isArray(allow) ? allow.filter((a): a is string => typeof a === 'string') : [],
    libvirtCallbacks: flag ? 'flag' : 'allow',
  };
  return { config, problems };
}

function double(command: string, replies: ReplyRule[]): CommandDouble {
  return { command, replies, libvirtClient: LIBVIRT_CLIENTS.includes(posix.basename(command)) };
}

function list(value: unknown, path: string, keys: readonly string[], problem: (path: string, message: string) => void): ReplyRule[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problem(path, `must be a list of replies, got ${show(value)}`);
    return [];
  }
  return value.flatMap((entry, i): ReplyRule[] => {
    const here = `${path}[${i}]`;
    if (!isRecord(entry)) {
      problem(here, `must be a reply ({ stdout, stderr, exit }), got ${show(entry)}`);
      return [];
    }
    for (const k of Object.keys(entry)) if (!keys.includes(k)) problem(`${here}.${k}`, `is not a reply setting here (known: ${keys.join(', ')})`);
    const text = (k: string): string => {
      const v = entry[k] ?? '';
      if (typeof v === 'string') return v;
      problem(`${here}.${k}`, `must be a string, got ${show(v)}`);
      return '';
    };
    const exit = entry.exit ?? 0;
    if (!Number.isInteger(exit) || (exit as number) < 0 || (exit as number) > 255) problem(`${here}.exit`, `must be an integer from 0 to 255, got ${show(exit)}`);
    const reply: CommandReply = { stdout: text('stdout'), stderr: text('stderr'), exitCode: Number.isInteger(exit) ? (exit as number) & 0xff : 0 };
    const rule: { -readonly [K in keyof ReplyRule]: ReplyRule[K] } = { reply };
    if (entry.argv !== undefined) {
      if (Array.isArray(entry.argv) && entry.argv.every((a) => typeof a === 'string')) rule.argv = entry.argv as string[];
      else problem(`${here}.argv`, `must be a list of strings (quote numbers: '8080'), got ${show(entry.argv)}`);
    }
    if (entry.matches !== undefined) {
      const error = regexProblem(entry.matches);
      if (error === null) rule.matches = entry.matches as string;
      else problem(`${here}.matches`, error);
    }
    if (entry.times !== undefined) {
      if (Number.isSafeInteger(entry.times) && (entry.times as number) >= 1) rule.times = entry.times as number;
      else problem(`${here}.times`, `must be a positive integer, got ${show(entry.times)}`);
    }
    return [rule];
  });
}

function regexProblem(source: unknown): string | null {
  if (typeof source !== 'string') return `must be a regular expression string, got ${show(source)}`;
  try {
    new RegExp(source, 'u');
    return null;
  } catch (error) {
    return `is not a valid regular expression: ${(error as Error).message}`;
  }
}
