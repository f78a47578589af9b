import { checkCommands, type CommandsExpectation } from '../doubles/check-commands.js';
import type { CommandCall, DoublesViolation } from '../doubles/command-call.js';
import type { Scenario } from './scenario.js';
import type { ScenarioFailure } from './scenario-result.js';

/** A step's violations (strict refusals, calls back into libvirt) and its `expect.commands`. */
export function doublesFailures(
  index: number,
  step: Scenario['steps'][number],
  expected: CommandsExpectation | undefined,
  commands: readonly CommandCall[],
  violations: readonly { readonly violation: DoublesViolation; readonly call: string }[],
  onPath: boolean,
): ScenarioFailure[] {
  const at = { stepIndex: index, ...(step.line !== undefined ? { line: step.line } : {}) };
  const failures: ScenarioFailure[] = violations.map(({ violation, call }) => ({ ...at, path: `${step.path}`, message: `${call}: ${violation.message}` }));
  // Without a mount namespace a command run by absolute path is never seen: say so where it shows.
  const hint = onPath ? { hint: 'command doubles fell back to PATH for this step (see the warning): a command the hook runs by absolute path (/sbin/iptables) ran for real and was not recorded' } : {};
  if (expected) failures.push(...checkCommands(commands, expected).map((f): ScenarioFailure => ({ ...f, ...at, path: `${step.path}.expect.${f.path}`, ...hint })));
  return failures;
}
