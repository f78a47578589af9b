import type { MatcherVerdict } from './matcher-results.js';
import { commandList, commandsReceived, unwatchedMessage } from './received-commands.js';

const MATCHER = 'toHaveNoCommandViolations';

/**
 * toHaveNoCommandViolations(): no command was refused by strict mode and no hook called back into
 * libvirt (virsh, libvirt's sockets). These never change libvirt's outcome of the hook call, so
 * a test sees them only through this matcher (or SessionStep.calls[].violations).
 */
export function hasNoCommandViolations(received: unknown, isNot = false): MatcherVerdict {
  const records = commandsReceived(MATCHER, received);
  if (records.unwatched > 0) return { pass: isNot, message: () => unwatchedMessage(MATCHER, records) };
  const count = records.violations.length;
  return {
    pass: count === 0,
    message: () => isNot
      ? `expected a strict-mode refusal or a call back into libvirt, but there was none; commands that ran:\n${commandList(records.commands)}`
      : `expected no strict-mode refusal and no call back into libvirt, but there ${count === 1 ? 'was 1' : `were ${count}`}:\n${records.violations.map((v) => `  - ${v.message}`).join('\n')}`,
  };
}
