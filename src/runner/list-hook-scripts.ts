import type { HookDriver } from '../model/hook-driver.js';
import type { HookFileSystem } from './hook-file-system.js';
import { errnoOf } from './hook-file-system.js';
import { isExecutableFile } from './is-executable-file.js';
import { strerror } from './strerror.js';

/** Where the user's hooks really are, and where libvirt would look for them. */
export interface HookLayout {
  /** The user's directory standing in for /etc/libvirt/hooks. */
  readonly hooksDir: string;
  /** libvirt's LIBVIRT_HOOK_DIR, used for argv[0]-facing texts (`/etc/libvirt/hooks`). */
  readonly libvirtHooksDir: string;
  readonly fs: HookFileSystem;
}

/** One script libvirt would run. */
export interface HookScript {
  /** `network` for the main script, `network.d/NAME` for a directory entry. */
  readonly hook: string;
  /** The real file (a symlink stays its link path, as libvirt runs it). */
  readonly path: string;
  /** The same script under libvirt's hook directory, as libvirt's messages show it. */
  readonly libvirtPath: string;
}

/** The runnable entries of `<driver>.d`, or libvirt's error when the directory cannot be read. */
export interface HookDirectoryListing {
  readonly scripts: readonly HookScript[];
  /** e.g. `cannot open directory '/etc/libvirt/hooks/network.d': Not a directory`; null when readable or absent. */
  readonly error: string | null;
}

/** A full listing at one instant: the main script (if runnable) followed by the directory's. */
export type HookScriptListing = HookDirectoryListing;

function script(layout: HookLayout, hook: string): HookScript {
  return { hook, path: `${layout.hooksDir}/${hook}`, libvirtPath: `${layout.libvirtHooksDir}/${hook}` };
}

/** virHookCall: `<hooks>/<driver>` runs first when it is an executable regular file (symlinks followed). */
export function findMainHookScript(layout: HookLayout, driver: HookDriver): HookScript | null {
  const main = script(layout, driver);
  return isExecutableFile(layout.fs, main.path).executable ? main : null;
}

/**
 * virHookCall (>= 6.5): every entry of `<driver>.d` that passes virFileIsExecutable (dotfiles and
 * backups included, directories/broken symlinks/non-executables skipped), sorted with strcmp on
 * the full path, i.e. byte order. A missing directory lists nothing; any other opendir failure
 * (EACCES, ENOTDIR) is libvirt's virDirOpenIfExists error.
 */
export function listHookDirectory(layout: HookLayout, driver: HookDriver): HookDirectoryListing {
  const dir = script(layout, `${driver}.d`);
  let names: string[];
  try {
    names = layout.fs.readdirSync(dir.path);
  } catch (error) {
    const errno = errnoOf(error);
    if (errno === 'ENOENT') return { scripts: [], error: null };
    return { scripts: [], error: `cannot open directory '${dir.libvirtPath}': ${strerror(errno)}` };
  }
  const scripts = names
    .filter((name) => name !== '.' && name !== '..')
    .map((name) => script(layout, `${driver}.d/${name}`))
    .filter((entry) => isExecutableFile(layout.fs, entry.path).executable);
  // g_slist_sort(entries, strcmp): C byte order of the UTF-8 paths, not locale or UTF-16 order.
  scripts.sort((a, b) => Buffer.compare(Buffer.from(a.libvirtPath), Buffer.from(b.libvirtPath)));
  return { scripts, error: null };
}

/**
 * Everything one hook call would run, main script first. With `directories: false` (libvirt < 6.5)
 * only the main script counts.
 */
export function listHookScripts(layout: HookLayout, driver: HookDriver, directories = true): HookScriptListing {
  const main = findMainHookScript(layout, driver);
  const head = main ? [main] : [];
  if (!directories) return { scripts: head, error: null };
  const listing = listHookDirectory(layout, driver);
  return { scripts: [...head, ...listing.scripts], error: listing.error };
}
