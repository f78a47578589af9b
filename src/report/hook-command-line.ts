import type { RecordedInvocation } from '../model/recording.js';
import { formatCommand } from '../runner/format-command.js';
import { signalNumber } from '../runner/signal-name.js';

/** Where libvirt keeps hooks (LIBVIRT_HOOK_DIR): the path it logs, whatever directory the scenario used. */
export const LIBVIRT_HOOK_DIR = '/etc/libvirt/hooks';

/** The command line libvirt logs for a hook run (virCommandToString), with libvirt's hook path. */
export function hookCommandLine(invocation: RecordedInvocation): string {
  return formatCommand(invocation.env, [`${LIBVIRT_HOOK_DIR}/${invocation.hook}`, ...invocation.argv]);
}

/** How a script run ended, in libvirt's words (virProcessTranslateStatus). */
export function describeExit(invocation: Pick<RecordedInvocation, 'exitCode' | 'signal'>): string {
  if (invocation.exitCode !== null) return `exit status ${invocation.exitCode}`;
  const number = invocation.signal === null ? null : signalNumber(invocation.signal);
  return `fatal signal ${number ?? invocation.signal ?? '?'}`;
}
