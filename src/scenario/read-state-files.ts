import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { VirthookError } from '../errors/virthook-error.js';
import type { StatusFileContent, StatusFiles } from '../status/status-files.js';

/**
 * Reads a scenario's `state-files:` directory: a tree laid out like the host's root (`run/libvirt/...`,
 * `etc/libvirt/...`) whose files become libvirt's files at those absolute paths (symlinks kept as
 * links), so a run starts from that host without replaying how it got there.
 */
export async function readStateFiles(dir: string, field: { displayFile: string; display: (path: string) => string }): Promise<StatusFiles> {
  const files = new Map<string, StatusFileContent>();
  const walk = async (at: string): Promise<void> => {
    for (const entry of await readdir(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      const target = `/${relative(dir, path)}`;
      if ((await lstat(path)).isSymbolicLink()) files.set(target, { symlink: await readlink(path) });
      else if (entry.isDirectory()) await walk(path);
      else files.set(target, await readFile(path, 'utf8'));
    }
  };
  try {
    await walk(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new VirthookError('DEFINITION_NOT_FOUND', `Scenario ${field.displayFile}: state-files: cannot read ${field.display(dir)} (${code})`, {
      cause: error,
      problems: [{ file: field.displayFile, path: 'state-files', message: `cannot read ${field.display(dir)} (${code})` }],
    });
  }
  return files;
}
