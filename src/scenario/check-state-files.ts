import { join } from 'node:path';
import { VirthookError, type Problem } from '../errors/virthook-error.js';
import { libvirtProfile } from '../model/libvirt-profile.js';
import { createSimulatorState } from '../simulator/create-simulator-state.js';
import type { DaemonMode } from '../simulator/simulator-state.js';
import { stateFromStatusFiles } from '../simulator/files/state-from-status-files.js';
import type { StatusFiles } from '../status/status-files.js';
import type { ScenarioSource } from './parse-scenario-source.js';

/** Where `state-files:` came from, to name the scenario, the field and the files on disk. */
export interface StateFilesOrigin {
  readonly displayFile: string;
  readonly source: ScenarioSource;
  readonly display: (absolute: string) => string;
  /** The `state-files:` directory, absolute. */
  readonly root: string;
}

/**
 * Refuses, when the scenario loads, `state-files:` that a daemon of any of the scenario's releases
 * could not load (seedFromStatusFiles refuses them at run time with libvirt's paths only): each
 * problem names the scenario, `state-files` and the file in the user's tree.
 */
export function checkStateFiles(files: StatusFiles, versions: readonly string[], daemon: DaemonMode, origin: StateFilesOrigin): void {
  const messages = new Set<string>();
  for (const version of versions) {
    let profile;
    try {
      profile = libvirtProfile(version);
    } catch {
      continue; // An unknown release is reported where the run starts.
    }
    const base = createSimulatorState({ profile, seed: 'virthook', hooksFound: [], daemon });
    for (const problem of stateFromStatusFiles(base, files).problems) messages.add(onDisk(problem, origin));
  }
  if (messages.size === 0) return;
  const where = origin.source.locate(['state-files']);
  const problems: Problem[] = [...messages].map((message) => ({ file: origin.displayFile, ...where, path: 'state-files', message }));
  const count = messages.size === 1 ? 'a file' : `${messages.size} files`;
  throw new VirthookError('SCENARIO_INVALID', `Scenario ${origin.displayFile}: state-files: ${origin.display(origin.root)} holds ${count} libvirt would not load; fix or remove them`, { problems });
}

/** libvirt's absolute paths (/run/libvirt/..., /etc/libvirt/...) shown as the files of the user's tree. */
function onDisk(message: string, origin: StateFilesOrigin): string {
  return message.replace(/(^|[\s'"(])(\/(?:run|etc)\/libvirt\/[^\s'":]*)/g, (_match, before: string, path: string) => `${before}${origin.display(join(origin.root, path))}`);
}
