/**
 * `virthook/vitest`: vitest matchers over virthook's one assertion engine. Importing this module
 * registers them (expect.extend) and types them (module augmentation of vitest's Assertion).
 *
 * @example
 * import 'virthook/vitest';
 * const step = await session.run({ verb: 'net-start', network: 'lab-nat' });
 * expect(step).toHaveRunHook('network', ['lab-nat', 'started']);
 * expect(step).toHaveRunCommand('iptables', { matches: /-A POSTROUTING/ });
 * expect(step).toHaveNoCommandViolations();
 * expect(session).toMatchTranscriptSnapshot();
 */
import { expect, Snapshots } from 'vitest';
import type { StepOutcomeLike } from './assertions/check-step.js';
import type { XPathExpected } from './assertions/expectation.js';
import { formatTranscript } from './assertions/format-transcript.js';
import type { CommandCallPattern } from './vitest/command-call-pattern.js';
import { hasNoCommandViolations } from './vitest/has-no-command-violations.js';
import { hasRunCommand, type RunCommandExpectation } from './vitest/has-run-command.js';
import { hasRunCommandsInOrder } from './vitest/has-run-commands-in-order.js';
import { hasRunHook, hasRunHooksInOrder, hasStdinMatching, isVetoed, type HookCallPattern } from './vitest/matcher-results.js';
import { describeReceived, transcriptInputOf, type HookRunSource, type StdinSource, type TranscriptSource } from './vitest/received.js';
import type { CommandSource } from './vitest/received-commands.js';

export type { HookCallPattern } from './vitest/matcher-results.js';
export type { HookRunSource, RunLike, StepLike, StdinSource, TranscriptSource } from './vitest/received.js';
export type { CommandCallPattern, CommandMatch } from './vitest/command-call-pattern.js';
export type { RunCommandExpectation } from './vitest/has-run-command.js';
export type { CallWithCommands, CommandRecords, CommandSource, StepWithCommands } from './vitest/received-commands.js';

/** A matcher used on a value it cannot read: the parameter names the mistake in the type error. */
type Misuse<Message extends string> = (misuse: Message) => never;

/** virthook's matchers on `expect(value)`, typed by what `value` is. */
export interface VirthookAssertions<T = unknown> {
  /**
   * Some script run of the Session, SessionStep, scenario run or Recording is `hook` (`network`,
   * `network.d/NAME`, `qemu`) with argv[1..] beginning with `argv` (`['lab-nat', 'started']`).
   */
  toHaveRunHook: [Awaited<T>] extends [HookRunSource] ? (hook: string, argv?: readonly string[]) => void : Misuse<'toHaveRunHook reads a Session, SessionStep, scenario run or Recording'>;
  /** These calls ran in this order (others may run between): hook names, or `{ hook, object, op, subop, extra, stdin, env, exitCode }`. */
  toHaveRunHooksInOrder: [Awaited<T>] extends [HookRunSource] ? (calls: readonly HookCallPattern[]) => void : Misuse<'toHaveRunHooksInOrder reads a Session, SessionStep, scenario run or Recording'>;
  /** A hook's non-zero exit made this step (what `session.run` returned) fail. */
  toBeVetoed: [Awaited<T>] extends [StepOutcomeLike] ? () => void : Misuse<'toBeVetoed reads a SessionStep'>;
  /** Some script got stdin where the XPath query gives `expected` (XPath's string()/number()/boolean(), or the list of node values). */
  toHaveStdinMatching: [Awaited<T>] extends [StdinSource] ? (xpath: string, expected: XPathExpected) => void : Misuse<'toHaveStdinMatching reads a Session, SessionStep, recorded script run or Recording'>;
  /** The run's transcript (argv, stdin and virsh output of every step; seeded, so stable) matches the test's snapshot. */
  toMatchTranscriptSnapshot: [Awaited<T>] extends [TranscriptSource] ? (hint?: string) => void : Misuse<'toMatchTranscriptSnapshot reads a Session or scenario run'>;
  /**
   * A hook ran `command` (a name, or an absolute path for that path only) through a double with all
   * the fields given (`argv`, `matches`, `stdin`, `env`, `cwd`, `script`); `times`: exactly that many
   * such calls. `.not` with no `times`: never.
   */
  toHaveRunCommand: [Awaited<T>] extends [CommandSource] ? (command: string, expected?: RunCommandExpectation) => void : Misuse<'toHaveRunCommand reads a SessionStep, a list of them or a runner CallResult (a Session keeps no command calls)'>;
  /** Commands ran in this order (others may run between): names, or `{ command, argv, matches, stdin, env, cwd, script }`. */
  toHaveRunCommandsInOrder: [Awaited<T>] extends [CommandSource] ? (calls: readonly CommandCallPattern[]) => void : Misuse<'toHaveRunCommandsInOrder reads a SessionStep, a list of them or a runner CallResult (a Session keeps no command calls)'>;
  /** No command was refused by strict mode and no hook called back into libvirt (virsh, libvirt's sockets). */
  toHaveNoCommandViolations: [Awaited<T>] extends [CommandSource] ? () => void : Misuse<'toHaveNoCommandViolations reads a SessionStep, a list of them or a runner CallResult (a Session keeps no command calls)'>;
}

declare module 'vitest' {
  interface Assertion<T = any> extends VirthookAssertions<T> {}
}

/** The matchers as expect.extend takes them (already registered by importing this module). */
export const virthookMatchers = {
  toHaveRunHook(received: unknown, hook: string, argv?: readonly string[]) {
    return hasRunHook(received, hook, argv, this.isNot);
  },
  toHaveRunHooksInOrder(received: unknown, calls: readonly HookCallPattern[]) {
    return hasRunHooksInOrder(received, calls, this.isNot);
  },
  toBeVetoed(received: unknown) {
    return isVetoed(received, this.isNot);
  },
  toHaveStdinMatching(received: unknown, xpath: string, expected: XPathExpected) {
    return hasStdinMatching(received, xpath, expected, this.isNot);
  },
  toMatchTranscriptSnapshot(received: unknown, hint?: string) {
    const input = transcriptInputOf(received);
    if (!input) throw new TypeError(`toMatchTranscriptSnapshot expects a Session or a scenario run; received ${describeReceived(received)}`);
    return Snapshots.toMatchSnapshot.call(this, formatTranscript(input), hint);
  },
  toHaveRunCommand(received: unknown, command: string, expected?: RunCommandExpectation) {
    return hasRunCommand(received, command, expected, this.isNot);
  },
  toHaveRunCommandsInOrder(received: unknown, calls: readonly CommandCallPattern[]) {
    return hasRunCommandsInOrder(received, calls, this.isNot);
  },
  toHaveNoCommandViolations(received: unknown) {
    return hasNoCommandViolations(received, this.isNot);
  },
} satisfies Parameters<typeof expect.extend>[0];

expect.extend(virthookMatchers);
