import * as nodeFs from 'node:fs';

/**
 * The file-system calls hook discovery makes, so specs can inject a double (memfs, or an object
 * that throws EACCES) instead of needing an unreadable directory. Errors carry a `code` (errno name).
 */
export interface HookFileSystem {
  /** stat(2), following symlinks. */
  statSync(path: string): { isFile(): boolean; isDirectory(): boolean; readonly mode: number };
  /** opendir(3) + readdir(3) without `.` and `..`. */
  readdirSync(path: string): string[];
}

/** The real file system. */
export const NODE_FILE_SYSTEM: HookFileSystem = {
  statSync: (path) => nodeFs.statSync(path),
  readdirSync: (path) => nodeFs.readdirSync(path),
};

/** The errno name of a failed file-system call (`ENOENT`), or `EIO` when it carries none. */
export function errnoOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'EIO';
}
