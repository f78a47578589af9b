import type { HookFileSystem } from './hook-file-system.js';
import { errnoOf } from './hook-file-system.js';

/** The answer of virFileIsExecutable, with the errno libvirt's callers inspect afterwards. */
export interface ExecutableCheck {
  readonly executable: boolean;
  /** null when executable; else the stat error, `EISDIR` for a directory, `EACCES` otherwise. */
  readonly errno: string | null;
}

/**
 * virFileIsExecutable: stat() succeeds (symlinks followed), the target is a regular file and has
 * any execute bit. No access()/ACL check, so root and other users see the same answer.
 */
export function isExecutableFile(fs: HookFileSystem, path: string): ExecutableCheck {
  let stats: ReturnType<HookFileSystem['statSync']>;
  try {
    stats = fs.statSync(path);
  } catch (error) {
    return { executable: false, errno: errnoOf(error) };
  }
  if (stats.isFile() && (stats.mode & 0o111) !== 0) return { executable: true, errno: null };
  return { executable: false, errno: stats.isDirectory() ? 'EISDIR' : 'EACCES' };
}
