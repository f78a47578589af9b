/**
 * The files libvirt's daemons keep about their objects (reference §5.4): status files under
 * /run/libvirt, configs and autostart links under /etc/libvirt. Plain data, so the pure simulator
 * can say what to write and read it back; the harness keeps them in a volume.
 */

/** A regular file's text (libvirt writes them 0600), or where a symbolic link points. */
export type StatusFileContent = string | { readonly symlink: string };

/** Absolute path -> content. */
export type StatusFiles = ReadonlyMap<string, StatusFileContent>;

/** One file libvirt writes (virFileRewrite) or one link it makes (symlink for autostart). */
export type FileWrite =
  | { readonly path: string; readonly content: string }
  | { readonly path: string; readonly symlink: string };

/** What libvirt removes; a missing file is never an error (unlink's ENOENT is ignored). */
export type FileRemoval =
  /** unlink(path). */
  | { readonly path: string }
  /** Every file directly in `dir` whose name ends with `suffix` (virNetworkObjDeleteAllPorts). */
  | { readonly dir: string; readonly suffix: string }
  /** `tree` and everything below it (a reboot empties the /run tmpfs). */
  | { readonly tree: string };

/** Whether `path` is `dir` or below it. */
export function isUnder(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir.endsWith('/') ? dir : `${dir}/`);
}

/** Whether a removal takes `path` away. */
export function removes(removal: FileRemoval, path: string): boolean {
  if ('tree' in removal) return isUnder(path, removal.tree);
  if ('dir' in removal) return path.startsWith(`${removal.dir}/`) && !path.slice(removal.dir.length + 1).includes('/') && path.endsWith(removal.suffix);
  return path === removal.path;
}

/** A map with the removals, then the writes, applied (a plain-data volume, for pure drivers and specs). */
export function applyFileChanges(files: StatusFiles, writes: readonly FileWrite[], removals: readonly FileRemoval[] = []): Map<string, StatusFileContent> {
  const next = new Map(files);
  for (const removal of removals) for (const path of [...next.keys()]) if (removes(removal, path)) next.delete(path);
  for (const write of writes) next.set(write.path, 'content' in write ? write.content : { symlink: write.symlink });
  return next;
}

/** The text of a regular file, following one level of symlink; undefined when absent or not a file. */
export function readStatusFile(files: StatusFiles, path: string): string | undefined {
  const entry = files.get(path);
  if (entry === undefined) return undefined;
  if (typeof entry === 'string') return entry;
  const target = files.get(entry.symlink);
  return typeof target === 'string' ? target : undefined;
}

/** The names of the entries directly in `dir` ending with `suffix`, sorted (virDirRead order is the file system's). */
export function listStatusDir(files: StatusFiles, dir: string, suffix = '.xml'): string[] {
  return [...files.keys()]
    .filter((path) => path.startsWith(`${dir}/`) && !path.slice(dir.length + 1).includes('/') && path.endsWith(suffix))
    .map((path) => path.slice(dir.length + 1))
    .sort();
}
