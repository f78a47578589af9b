import { lineDiff } from '../assertions/line-diff.js';
import { checkCommands, commandCallMatches, commandCallMismatches, type CommandExpectation, describeCommandExpectation } from '../doubles/check-commands.js';
import { type CommandCall, describeCommandCall } from '../doubles/command-call.js';
import { commandExpectation, type CommandMatch } from './command-call-pattern.js';
import type { MatcherVerdict } from './matcher-results.js';
import { commandList, commandsReceived, unwatchedMessage } from './received-commands.js';

/** toHaveRunCommand's expectation: what a matching call has, and how many there are when it matters. */
export interface RunCommandExpectation extends CommandMatch {
  /** Exactly this many matching calls (`.not.toHaveRunCommand(name)` says "never"). */
  readonly times?: number;
}

const MATCHER = 'toHaveRunCommand';
const times = (n: number) => `${n} time${n === 1 ? '' : 's'}`;

/** The expected command line against the calls of that command, or stdin against stdin when one call came close. */
function diffOf(expected: CommandExpectation, same: readonly CommandCall[]): string[] {
  if (same.length === 0) return [];
  if (expected.argv !== undefined) {
    const argvDiff = lineDiff(describeCommandCall({ path: expected.command, argv: expected.argv }), same.map(describeCommandCall).join('\n'), { labels: ['expected', 'received'] });
    if (argvDiff.length > 0) return argvDiff;
  }
  const stdin = same.length === 1 ? same[0]!.stdin : null;
  if (expected.stdin !== undefined && 'equals' in expected.stdin && stdin !== null) {
    return lineDiff(expected.stdin.equals, stdin.toString('utf8'), { labels: ['expected stdin', 'received stdin'] });
  }
  return [];
}

/**
 * toHaveRunCommand(command, { argv, matches, stdin, env, cwd, script, times }): some intercepted
 * call is `command` with all of these (exactly `times` such calls when given).
 */
export function hasRunCommand(received: unknown, command: string, expected: RunCommandExpectation = {}, isNot = false): MatcherVerdict {
  const records = commandsReceived(MATCHER, received);
  const expectation = commandExpectation(MATCHER, command, expected, true);
  if (records.unwatched > 0) return { pass: isNot, message: () => unwatchedMessage(MATCHER, records) };
  const [failure] = checkCommands(records.commands, { mode: 'contains', calls: [expectation] });
  const wanted = describeCommandExpectation(expectation);
  const matching = records.commands.filter((call) => commandCallMatches(call, expectation));
  const same = records.commands.filter((call) => commandCallMatches(call, { command: expectation.command }));
  const explain = (): string => {
    if (expectation.times !== undefined) {
      return [failure!.message, `matching calls:\n${matching.length === 0 ? '  (none)' : commandList(matching)}`, `commands that ran:\n${commandList(records.commands)}`].join('\n');
    }
    const near = same.map((call) => `  ${describeCommandCall(call)} (from ${call.script}): ${commandCallMismatches(call, expectation).join('; ')}`);
    return [
      failure!.message,
      ...(near.length > 0 ? [`why the calls of ${expectation.command} do not match:`, ...near] : []),
      ...diffOf(expectation, same),
      `commands that ran:\n${commandList(records.commands)}`,
    ].join('\n');
  };
  return {
    pass: failure === undefined,
    message: () => isNot
      ? expectation.times !== undefined
        ? `expected ${wanted} not to be called ${times(expectation.times)}, but it was:\n${commandList(matching)}`
        : `expected ${wanted} not to be called, but it was called ${times(matching.length)}:\n${commandList(matching)}`
      : explain(),
  };
}
