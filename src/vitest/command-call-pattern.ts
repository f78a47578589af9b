import type { CommandExpectation, CommandTextExpectation } from '../doubles/check-commands.js';

/** What a command matcher may require of a call besides its name; absent fields match anything. */
export interface CommandMatch {
  /** The exact arguments (argv[1..]). */
  readonly argv?: readonly string[];
  /** Searched in the arguments joined by single spaces (a string is a regular expression's source). */
  readonly matches?: string | RegExp;
  /** What the hook redirected into it: exact text, a RegExp, or `{ equals | contains | matches }`. */
  readonly stdin?: string | RegExp | CommandTextExpectation;
  /** Variables of its environment: exact value, RegExp, `{ equals | contains | matches }`, or null for unset. */
  readonly env?: Readonly<Record<string, string | RegExp | CommandTextExpectation | null>>;
  /** The directory it ran in, exactly. */
  readonly cwd?: string;
  /** The hook script that ran it (`network`, `network.d/10-nat`). */
  readonly script?: string;
}

/** One call in toHaveRunCommandsInOrder: a command name or absolute path, or the fields a call must have. */
export type CommandCallPattern = string | (CommandMatch & { readonly command: string });

const FIELDS = ['argv', 'matches', 'stdin', 'env', 'cwd', 'script'];

/**
 * A matcher's arguments as the assertion engine's CommandExpectation (`times` only where the
 * matcher counts); a TypeError names a bad argument or field.
 */
export function commandExpectation(matcher: string, command: unknown, match: unknown = {}, counts = false): CommandExpectation {
  if (typeof command !== 'string' || command === '') throw new TypeError(`${matcher}: a command is a name or an absolute path, got ${JSON.stringify(command) ?? String(command)}`);
  const known = counts ? [...FIELDS, 'times'] : FIELDS;
  if (typeof match !== 'object' || match === null || Array.isArray(match)) throw new TypeError(`${matcher}: the expectation must be an object ({ ${known.join(', ')} }), got ${JSON.stringify(match)}`);
  const unknown = Object.keys(match).filter((key) => !known.includes(key));
  if (unknown.length > 0) throw new TypeError(`${matcher}: ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not a field here (known: ${known.join(', ')})`);
  const { stdin, times, ...rest } = match as CommandMatch & { readonly times?: unknown };
  if (times !== undefined && !(Number.isSafeInteger(times) && (times as number) >= 0)) throw new TypeError(`${matcher}: times must be a non-negative integer, got ${JSON.stringify(times)}`);
  return {
    ...rest,
    command,
    ...(stdin === undefined ? {} : { stdin: typeof stdin === 'string' ? { equals: stdin } : stdin instanceof RegExp ? { matches: stdin } : stdin }),
    ...(times === undefined ? {} : { times: times as number }),
  };
}

/** One toHaveRunCommandsInOrder entry as a CommandExpectation. */
export function patternExpectation(matcher: string, pattern: CommandCallPattern): CommandExpectation {
  if (typeof pattern === 'string') return commandExpectation(matcher, pattern);
  if (typeof pattern !== 'object' || pattern === null) throw new TypeError(`${matcher}: each call is a command name or { command, argv, matches, stdin, env, cwd, script }, got ${JSON.stringify(pattern)}`);
  const { command, ...match } = pattern;
  return commandExpectation(matcher, command, match);
}
