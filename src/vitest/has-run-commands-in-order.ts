import { lineDiff } from '../assertions/line-diff.js';
import { checkCommands, commandCallMatches, describeCommandExpectation } from '../doubles/check-commands.js';
import { describeCommandCall } from '../doubles/command-call.js';
import { type CommandCallPattern, patternExpectation } from './command-call-pattern.js';
import type { MatcherVerdict } from './matcher-results.js';
import { commandList, commandsReceived, unwatchedMessage } from './received-commands.js';

const MATCHER = 'toHaveRunCommandsInOrder';

/**
 * toHaveRunCommandsInOrder([...]): calls matching these patterns ran in this order, other calls
 * possibly between them.
 */
export function hasRunCommandsInOrder(received: unknown, patterns: readonly CommandCallPattern[], isNot = false): MatcherVerdict {
  const records = commandsReceived(MATCHER, received);
  if (!Array.isArray(patterns) || patterns.length === 0) throw new TypeError(`${MATCHER} expects a non-empty list of commands (names or { command, argv, ... }), got ${JSON.stringify(patterns)}`);
  const expectations = patterns.map((pattern) => patternExpectation(MATCHER, pattern));
  if (records.unwatched > 0) return { pass: isNot, message: () => unwatchedMessage(MATCHER, records) };
  const failures = checkCommands(records.commands, { mode: 'ordered', calls: expectations });
  const wanted = expectations.map(describeCommandExpectation);
  // The calls of the commands named, each shown as the first pattern it matches: the diff then
  // aligns what matched and shows what is missing or came too early.
  const named = records.commands.filter((call) => expectations.some((e) => commandCallMatches(call, { command: e.command })));
  const shown = named.map((call) => {
    const pattern = expectations.findIndex((e) => commandCallMatches(call, e));
    return pattern < 0 ? describeCommandCall(call) : wanted[pattern]!;
  });
  return {
    pass: failures.length === 0,
    message: () => isNot
      ? `expected the commands not to run in the order ${wanted.join(', then ')}, but they did:\n${commandList(records.commands)}`
      : [
        ...failures.map((f) => f.message),
        ...lineDiff(wanted.join('\n'), shown.join('\n'), { labels: ['expected order', 'received (calls of these commands)'] }),
        `commands that ran:\n${commandList(records.commands)}`,
      ].join('\n'),
  };
}
