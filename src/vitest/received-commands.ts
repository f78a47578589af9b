import { type CommandCall, describeCommandCall, type DoublesViolation } from '../doubles/command-call.js';
import { describeReceived } from './received.js';

/** One hook call's command doubles' records (absent when the call ran without doubles). */
export interface CommandRecords {
  readonly commands?: readonly CommandCall[];
  readonly violations?: readonly DoublesViolation[];
}

/** A SessionStep (what session.run returns): its hook calls carry the records. */
export interface StepWithCommands {
  readonly ok: boolean;
  readonly calls: readonly CommandRecords[];
}

/** A runner's CallResult (what runner.run returns). */
export interface CallWithCommands extends CommandRecords {
  readonly scripts: readonly unknown[];
  readonly isolation: string;
}

/**
 * What the command matchers read: a SessionStep, a list of them (for several steps at once), or a
 * runner's CallResult. A Session keeps no command calls (only run()'s result has them).
 */
export type CommandSource = StepWithCommands | readonly StepWithCommands[] | CallWithCommands;

/** The calls and violations of what was received, and how many hook calls ran without doubles. */
export interface ReceivedCommands {
  readonly commands: readonly CommandCall[];
  readonly violations: readonly DoublesViolation[];
  /** Hook calls with no doubles (their commands ran unseen, so no expectation can be checked). */
  readonly unwatched: number;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isStep = (value: unknown): value is StepWithCommands => isObject(value) && typeof value.ok === 'boolean' && Array.isArray(value.calls);
const isCall = (value: unknown): value is CallWithCommands => isObject(value) && Array.isArray(value.scripts) && typeof value.isolation === 'string';

function collect(calls: readonly CommandRecords[]): ReceivedCommands {
  return {
    commands: calls.flatMap((call) => call.commands ?? []),
    violations: calls.flatMap((call) => call.violations ?? []),
    unwatched: calls.filter((call) => call.commands === undefined).length,
  };
}

/** The command records of what was received, or null when it holds none. */
export function commandRecordsOf(received: unknown): ReceivedCommands | null {
  if (Array.isArray(received)) return received.every(isStep) ? collect(received.flatMap((step) => step.calls)) : null;
  if (isStep(received)) return collect(received.calls);
  if (isCall(received)) return collect([received]);
  return null;
}

/** The command records, or a TypeError that says what the matcher reads (and why not a Session). */
export function commandsReceived(matcher: string, received: unknown): ReceivedCommands {
  const records = commandRecordsOf(received);
  if (records) return records;
  const session = isObject(received) && Array.isArray(received.steps) && 'recording' in received;
  throw new TypeError(`${matcher} expects a SessionStep (what session.run returns), a list of them, or a runner CallResult; received ${
    session ? 'a Session, which keeps no command calls: use the SessionStep that session.run returned' : describeReceived(received)}`);
}

/** Why nothing can be said about commands that ran unseen. */
export const unwatchedMessage = (matcher: string, records: ReceivedCommands) =>
  `${matcher}: ${records.unwatched} hook call${records.unwatched === 1 ? '' : 's'} ran without command doubles, so the commands they ran were not seen. `
  + 'Leave out doubles: false (createSession) or doubles: null (runner.run) to check them.';

/** Every intercepted call as a person reads it, one per line: `  iptables -t nat -L (from network, exit 0)`. */
export function commandList(commands: readonly CommandCall[]): string {
  if (commands.length === 0) return '  (no intercepted command ran)';
  return commands.map((c) => `  ${describeCommandCall(c)} (from ${c.script}, ${c.outcome === 'refused' ? 'refused: strict mode' : `exit ${c.reply.exitCode}`})`).join('\n');
}
