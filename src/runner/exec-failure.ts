import { strerror } from './strerror.js';

/** What libvirt's forked child leaves behind when execve fails. */
export interface ExecFailure {
  /** EXIT_ENOENT (127) for ENOENT, EXIT_CANNOT_INVOKE (126) for every other errno. */
  readonly exitCode: 126 | 127;
  /** The line virDefaultErrorFunc prints on the child's stderr (the hook's stderr pipe). */
  readonly stderr: Buffer;
}

/**
 * Emulates libvirt's child after a failed execve (virExec): it reports
 * `cannot execute binary PATH: STRERROR` through virDispatchError, whose default handler prints
 * `libvirt:  error : MESSAGE\n` (empty error domain, hence two spaces), then exits 127 for
 * ENOENT (missing file or interpreter) or 126 otherwise (EACCES, ENOEXEC, ...).
 *
 * @param errnoName the errno code name (`EACCES`).
 * @param libvirtPath the path libvirt executes (cmd->args[0]).
 * @param message the platform's strerror text when known.
 */
export function execFailure(errnoName: string, libvirtPath: string, message?: string | null): ExecFailure {
  return {
    exitCode: errnoName === 'ENOENT' ? 127 : 126,
    stderr: Buffer.from(`libvirt:  error : cannot execute binary ${libvirtPath}: ${message ?? strerror(errnoName)}\n`),
  };
}
