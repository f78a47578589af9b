import { VirthookError } from '../errors/virthook-error.js';
import { stateFromStatusFiles } from '../simulator/files/state-from-status-files.js';
import type { SimulatorState } from '../simulator/simulator-state.js';
import type { StatusFiles } from '../status/status-files.js';

/**
 * A host that starts from libvirt files (createSession's `statusFiles`): the state a daemon
 * would rebuild from them (no hook runs) and the files as it leaves them. Throws
 * SCENARIO_INVALID listing every file libvirt would skip, since a seed is meant to load.
 */
export function seedFromStatusFiles(base: SimulatorState, files: StatusFiles): { readonly state: SimulatorState; readonly files: StatusFiles } {
  const host = stateFromStatusFiles(base, files);
  if (host.problems.length > 0) {
    throw new VirthookError('SCENARIO_INVALID', `The given status files are not all loadable by libvirt:\n${host.problems.map((p) => `  ${p}`).join('\n')}\nFix or remove these files.`, {
      problems: host.problems.map((message) => ({ file: 'statusFiles', message })),
    });
  }
  return { state: host.state, files: host.files };
}

