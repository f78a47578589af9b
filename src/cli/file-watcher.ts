import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A way to hear about file changes (node:fs.watch by default; a double in specs). */
export interface FileWatcher {
  /**
   * Calls `onChange` with the absolute path of each created, changed or removed file among
   * `files` and under `directories` (recursively), until closed.
   */
  watch(target: { readonly files: readonly string[]; readonly directories: readonly string[] }, onChange: (path: string) => void): { close(): void };
  /** Quiet time after the last change before re-running. @default 100 */
  readonly debounceMs?: number;
}

/**
 * node:fs.watch: directories recursively, files through their parent directory (editors save
 * by renaming a new file over the old one, which a watch on the file itself would miss).
 * Paths that do not exist are skipped.
 */
export const nodeFileWatcher: FileWatcher = {
  watch({ files, directories }, onChange) {
    const watchers: FSWatcher[] = [];
    const open = (path: string, recursive: boolean, accept: (name: string) => boolean) => {
      try {
        const watcher = watch(path, { recursive, persistent: true }, (_event, name) => {
          const file = name === null ? path : join(path, name.toString());
          if (name === null || accept(name.toString())) onChange(file);
        });
        watcher.on('error', () => watcher.close());
        watchers.push(watcher);
      } catch {
        // Not there (yet): nothing to watch.
      }
    };
    for (const dir of directories) open(dir, true, () => true);
    const byParent = new Map<string, Set<string>>();
    for (const file of files) byParent.set(dirname(file), (byParent.get(dirname(file)) ?? new Set()).add(basename(file)));
    for (const [parent, names] of byParent) open(parent, false, (name) => names.has(name));
    return { close: () => watchers.forEach((w) => w.close()) };
  },
};
