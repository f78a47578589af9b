import type { ProfileRun } from '../scenario/scenario-result.js';

/** How reports name one run: the release, and the replay order when --replay-orders all made several. */
export function runLabel(run: ProfileRun): string {
  return run.replayOrder ? `libvirt ${run.libvirt}, replay order ${run.replayOrder}` : `libvirt ${run.libvirt}`;
}
