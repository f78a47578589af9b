import type { RecordedInvocation } from '../model/recording.js';
import { formatCommand } from '../runner/format-command.js';
import { signalNumber } from '../runner/signal-name.js';
import { type StopFields, stopSummary, virthookStopOf } from '../runner/stopped-by-virthook.js';

/** Where libvirt keeps hooks (LIBVIRT_HOOK_DIR): the path it logs, whatever directory the scenario used. */
export const LIBVIRT_HOOK_DIR = '/etc/libvirt/hooks';

/** The command line libvirt logs for a hook run (virCommandToString), with libvirt's hook path. */
export function hookCommandLine(invocation: RecordedInvocation): string {
  return formatCommand(invocation.env, [`${LIBVIRT_HOOK_DIR}/${invocation.hook}`, ...invocation.argv]);
}

/**
 * How a script run ended, in libvirt's words (virProcessTranslateStatus), or how virthook stopped
 * it (`stopped by virthook after the 2 s timeout`): its SIGTERM is not the hook's doing.
 */
export function describeExit(invocation: Pick<RecordedInvocation, 'exitCode' | 'signal'> & StopFields): string {
  const stop = virthookStopOf(invocation);
  if (stop) return stopSummary(stop);
  if (invocation.exitCode !== null) return `exit status ${invocation.exitCode}`;
  const number = invocation.signal === null ? null : signalNumber(invocation.signal);
  return `fatal signal ${number ?? invocation.signal ?? '?'}`;
}
