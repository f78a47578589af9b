/** What virsh shows for one step: its stdout on success, its `error: ...` lines on failure. */
export interface StepResult {
  readonly ok: boolean;
  /** virsh's stdout, e.g. `Network lvo-nat started`. */
  readonly output: string;
  /** virsh's stderr, e.g. `error: Failed to start network X\nerror: Hook script execution failed: ...`. */
  readonly error: string | null;
  /** True when a hook's non-zero exit made the step fail. */
  readonly vetoed: boolean;
}

export const succeeded = (output: string): StepResult => ({ ok: true, output, error: null, vetoed: false });

/** virsh prints its own line, then the libvirt error (vshReportError). */
export const failed = (virshLine: string, libvirtError: string, vetoed = false): StepResult => ({
  ok: false,
  output: '',
  error: `error: ${virshLine}\nerror: ${libvirtError}`,
  vetoed,
});
