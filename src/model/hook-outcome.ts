/**
 * What libvirt learns from one virHookCall: its return (1 nothing ran, 0 ok, -1 failed), the
 * error it reports (the last failing script's, since each failure overwrites the thread's last
 * error), and for filter hooks the accumulated stdout.
 */
export interface HookOutcome {
  readonly status: 'none' | 'ok' | 'failed';
  /** libvirt's message, e.g. `Hook script execution failed: internal error: Child process (...) unexpected exit status 1: text`. */
  readonly error: string | null;
  /** Filter hooks only: the output libvirt would use (non-empty, from a fully successful chain), else null. */
  readonly output: string | null;
}
