import type { FileRemoval, FileWrite, StatusFiles } from '../../status/status-files.js';
import type { Simulation } from '../simulation.js';

/** libvirt writes these files now (nothing is yielded for none). */
export function* writeFiles(files: readonly FileWrite[]): Simulation<void> {
  if (files.length > 0) yield { type: 'write-files', files };
}

/** libvirt unlinks these files now (nothing is yielded for none). */
export function* removeFiles(removals: readonly FileRemoval[]): Simulation<void> {
  if (removals.length > 0) yield { type: 'remove-files', removals };
}

/** A driver reads its directories at start; undefined when no volume is attached. */
export function* loadFiles(dirs: readonly string[]): Simulation<StatusFiles | undefined> {
  return (yield { type: 'load-files', dirs }) as StatusFiles | undefined;
}
