import { type CommandCall, describeCommandCall } from './command-call.js';

/** A regular expression: source text (JavaScript syntax, compiled with the `u` flag, as scenarios write it) or a RegExp in code. */
export type CommandPattern = string | RegExp;

/** Text compared exactly, by substring, or by a regular expression. */
export type CommandTextExpectation = { readonly equals: string } | { readonly contains: string } | { readonly matches: CommandPattern };

/** One variable of a command's environment: its exact value, a RegExp (in code), a text expectation, or null for "not set". */
export type CommandEnvExpectation = string | RegExp | CommandTextExpectation | null;

/** One expectation on intercepted commands; every field given must hold for a call to match. */
export interface CommandExpectation {
  /** `iptables` matches the double so named and any executed path ending in `/iptables`; `/sbin/iptables` only that double or path. */
  readonly command: string;
  /** The exact arguments (argv[1..]). */
  readonly argv?: readonly string[];
  /** A regular expression searched in the arguments joined by single spaces. */
  readonly matches?: CommandPattern;
  /** What the caller redirected into the command (a command that inherited its stdin matches no stdin expectation). */
  readonly stdin?: CommandTextExpectation;
  /** Variables of the command's environment (as the hook passed it on): NAME -> exact value, a RegExp, `{ equals | contains | matches }`, or null for unset. */
  readonly env?: Readonly<Record<string, CommandEnvExpectation>>;
  /** The working directory it ran in, exactly. */
  readonly cwd?: string;
  /** The hook script that ran it (`network`, `network.d/10-nat`). */
  readonly script?: string;
  /** Exactly this many matching calls. */
  readonly times?: number;
  /** No matching call at all (the same as `times: 0`). */
  readonly never?: boolean;
}

/**
 * How a list of command expectations relates to the calls: `contains` (each happened, any order),
 * `ordered` (those without `times`/`never` happened in this order, other calls in between allowed),
 * `exact` (the calls of the commands the list names are exactly these, in order, an expectation
 * with `times: n` standing for n calls in a row). `times` and `never` are counted in every mode.
 */
export type CommandsMode = 'contains' | 'ordered' | 'exact';

export interface CommandsExpectation {
  readonly mode: CommandsMode;
  readonly calls: readonly CommandExpectation[];
}

/** One expectation that did not hold; the shape of the assertion engine's ExpectationFailure. */
export interface CommandCheckFailure {
  /** Relative to the expectation list: `commands[1]`. */
  readonly path: string;
  readonly message: string;
  readonly expected?: string;
  readonly actual?: string;
}

function isCommand(call: CommandCall, command: string): boolean {
  if (command.includes('/')) return call.command === command || call.path === command;
  return call.command === command || call.path.slice(call.path.lastIndexOf('/') + 1) === command;
}

/** A fresh RegExp each time: a `g` or `y` flag would otherwise carry lastIndex from one call to the next. */
function regex(pattern: CommandPattern): RegExp {
  return typeof pattern === 'string' ? new RegExp(pattern, 'u') : new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
}

const showPattern = (pattern: CommandPattern) => (typeof pattern === 'string' ? `/${pattern}/` : String(pattern));

function matchText(actual: string, expected: CommandTextExpectation): boolean {
  if ('equals' in expected) return actual === expected.equals;
  if ('contains' in expected) return actual.includes(expected.contains);
  return regex(expected.matches).test(actual);
}

/** getenv's answer: the first `NAME=` entry, or undefined. */
function envValue(env: readonly string[], name: string): string | undefined {
  const entry = env.find((e) => e.startsWith(`${name}=`));
  return entry === undefined ? undefined : entry.slice(name.length + 1);
}

const textExpectation = (expected: string | RegExp | CommandTextExpectation): CommandTextExpectation =>
  typeof expected === 'string' ? { equals: expected } : expected instanceof RegExp ? { matches: expected } : expected;

function envMismatch(env: readonly string[], name: string, expected: CommandEnvExpectation): string | null {
  const actual = envValue(env, name);
  if (expected === null) return actual === undefined ? null : `its environment sets ${name}=${JSON.stringify(actual)}, expected it unset`;
  if (actual === undefined) return `${name} is not in its environment`;
  const wanted = textExpectation(expected);
  return matchText(actual, wanted) ? null : `its environment has ${name}=${JSON.stringify(actual)}, expected ${describeText(wanted)}`;
}

/** Why a call does not match an expectation (empty when it matches); counts are not looked at. */
export function commandCallMismatches(call: CommandCall, expected: CommandExpectation): string[] {
  const reasons: string[] = [];
  if (!isCommand(call, expected.command)) reasons.push(`it is ${call.command}, not ${expected.command}`);
  if (expected.argv !== undefined && (expected.argv.length !== call.argv.length || expected.argv.some((a, i) => a !== call.argv[i]))) {
    reasons.push(`its arguments are ${JSON.stringify(call.argv)}, expected ${JSON.stringify(expected.argv)}`);
  }
  if (expected.matches !== undefined && !regex(expected.matches).test(call.argv.join(' '))) {
    reasons.push(`its arguments ${JSON.stringify(call.argv.join(' '))} do not match ${showPattern(expected.matches)}`);
  }
  if (expected.stdin !== undefined) {
    if (call.stdin === null) reasons.push('its stdin was not redirected (it inherited the caller\'s)');
    else if (!matchText(call.stdin.toString('utf8'), expected.stdin)) reasons.push(`its stdin ${JSON.stringify(call.stdin.toString('utf8'))} does not match ${describeText(expected.stdin)}`);
  }
  for (const [name, value] of Object.entries(expected.env ?? {})) {
    const mismatch = envMismatch(call.env, name, value);
    if (mismatch !== null) reasons.push(mismatch);
  }
  if (expected.cwd !== undefined && call.cwd !== expected.cwd) reasons.push(`it ran in ${call.cwd}, not ${expected.cwd}`);
  if (expected.script !== undefined && call.script !== expected.script) reasons.push(`it was run by ${call.script}, not ${expected.script}`);
  return reasons;
}

/** Whether a call matches an expectation's command, arguments, stdin, environment, cwd and script. */
export function commandCallMatches(call: CommandCall, expected: CommandExpectation): boolean {
  return commandCallMismatches(call, expected).length === 0;
}

/** How many calls match. */
export function countCommandCalls(calls: readonly CommandCall[], expected: CommandExpectation): number {
  return calls.filter((call) => commandCallMatches(call, expected)).length;
}

function describeText(expected: CommandTextExpectation): string {
  if ('equals' in expected) return JSON.stringify(expected.equals);
  if ('contains' in expected) return `text containing ${JSON.stringify(expected.contains)}`;
  return `text matching ${showPattern(expected.matches)}`;
}

function describeEnv(name: string, expected: CommandEnvExpectation): string {
  if (expected === null) return `${name} unset`;
  if (typeof expected === 'string') return `${name}=${expected}`;
  return `${name} ${describeText(textExpectation(expected))}`;
}

/** An expectation as a person reads it: `iptables -t nat -A PREROUTING` or `iptables /^-t nat/`. */
export function describeCommandExpectation(expected: CommandExpectation): string {
  const args = expected.argv !== undefined ? describeCommandCall({ path: expected.command, argv: expected.argv }) : expected.command;
  const extra = [
    expected.matches !== undefined ? showPattern(expected.matches) : '',
    expected.stdin !== undefined ? `with stdin ${describeText(expected.stdin)}` : '',
    ...Object.entries(expected.env ?? {}).map(([name, value]) => `with ${describeEnv(name, value)}`),
    expected.cwd !== undefined ? `in ${expected.cwd}` : '',
    expected.script !== undefined ? `from ${expected.script}` : '',
  ].filter((part) => part !== '');
  return [args, ...extra].join(' ');
}

const describeCall = (call: CommandCall) => `${describeCommandCall(call)} (from ${call.script})`;
const times = (n: number) => `${n} time${n === 1 ? '' : 's'}`;

function notCalled(calls: readonly CommandCall[], expected: CommandExpectation, path: string): CommandCheckFailure {
  const same = calls.filter((call) => isCommand(call, expected.command));
  const near = same.map((call) => `${describeCall(call)}: ${commandCallMismatches(call, expected).join('; ')}`);
  return {
    path,
    message: same.length === 0
      ? `expected ${describeCommandExpectation(expected)} to be called, but ${expected.command} was never called`
      : `expected ${describeCommandExpectation(expected)} to be called, but ${expected.command} was called ${times(same.length)} otherwise`,
    expected: describeCommandExpectation(expected),
    actual: near.join('\n') || calls.map(describeCall).join('\n') || '(no intercepted command ran)',
  };
}

/**
 * Checks intercepted calls against expectations (called with argv or a regex, stdin, environment,
 * cwd, times, never, in order). Pure; failure paths read `commands[i]` and carry expected/actual text.
 */
export function checkCommands(calls: readonly CommandCall[], expectation: CommandsExpectation): CommandCheckFailure[] {
  const failures: CommandCheckFailure[] = [];
  const positive: Array<{ expected: CommandExpectation; path: string }> = [];
  expectation.calls.forEach((expected, i) => {
    const path = `commands[${i}]`;
    const matching = calls.filter((call) => commandCallMatches(call, expected));
    const wanted = expected.never === true ? 0 : expected.times;
    if (wanted !== undefined && matching.length !== wanted) {
      failures.push({
        path,
        message: `expected ${describeCommandExpectation(expected)} to be called ${times(wanted)}, it was called ${times(matching.length)}`,
        expected: times(wanted),
        actual: matching.map(describeCall).join('\n') || '(never called)',
      });
    } else if (wanted === undefined && matching.length === 0) {
      failures.push(notCalled(calls, expected, path));
    }
    if (wanted === undefined) positive.push({ expected, path });
  });
  if (expectation.mode === 'ordered') failures.push(...checkOrder(calls, positive));
  if (expectation.mode === 'exact') failures.push(...checkExact(calls, expectation.calls));
  return failures;
}

function checkOrder(calls: readonly CommandCall[], positive: ReadonlyArray<{ expected: CommandExpectation; path: string }>): CommandCheckFailure[] {
  let cursor = 0;
  for (const [k, { expected, path }] of positive.entries()) {
    const found = calls.findIndex((call, i) => i >= cursor && commandCallMatches(call, expected));
    if (found >= 0) {
      cursor = found + 1;
      continue;
    }
    // Counted as missing above when it never ran; here it ran, but too early.
    if (!calls.some((call) => commandCallMatches(call, expected))) return [];
    const previous = positive[k - 1]!.expected;
    return [{
      path,
      message: `${describeCommandExpectation(expected)} was called, but not after ${describeCommandExpectation(previous)} (out of order)`,
      expected: positive.map((p) => describeCommandExpectation(p.expected)).join('\n'),
      actual: calls.map(describeCall).join('\n'),
    }];
  }
  return [];
}

function checkExact(calls: readonly CommandCall[], expectations: readonly CommandExpectation[]): CommandCheckFailure[] {
  const expanded = expectations.flatMap((e) => (e.never === true ? [] : Array.from({ length: e.times ?? 1 }, () => e)));
  const relevant = calls.filter((call) => expectations.some((e) => isCommand(call, e.command)));
  const same = relevant.length === expanded.length && relevant.every((call, i) => commandCallMatches(call, expanded[i]!));
  if (same) return [];
  return [{
    path: 'commands',
    message: `expected exactly ${expanded.length} call${expanded.length === 1 ? '' : 's'} of ${[...new Set(expectations.map((e) => e.command))].join(', ')} in this order, got ${relevant.length}`,
    expected: expanded.map(describeCommandExpectation).join('\n'),
    actual: relevant.map(describeCall).join('\n') || '(none)',
  }];
}
