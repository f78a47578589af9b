import type { HookDriver } from '../model/hook-driver.js';
import { HOOK_DRIVERS } from '../model/hook-driver.js';
import { errnoOf } from './hook-file-system.js';
import { isExecutableFile } from './is-executable-file.js';
import type { HookLayout } from './list-hook-scripts.js';
import { strerror } from './strerror.js';

/** What virHookInitialize finds: the drivers whose bit it sets, or the error that stops the daemon. */
export interface HookScan {
  readonly drivers: readonly HookDriver[];
  /** libvirt's error when a `<driver>.d` cannot be opened; the daemon then exits (VIR_DAEMON_ERR_HOOKS). */
  readonly error: string | null;
}

type CheckResult = { found: boolean; error: string | null };

/** virHookCheck for one driver (11.x logic, same as 9.0). */
function checkDriver(layout: HookLayout, driver: HookDriver, directories: boolean): CheckResult {
  const path = `${layout.hooksDir}/${driver}`;
  // virFileExists() then virFileIsExecutable(): a non-executable main script is only a warning.
  if (isExecutableFile(layout.fs, path).executable) return { found: true, error: null };
  if (!directories) return { found: false, error: null };
  const dirPath = `${path}.d`;
  // virHookCheck: anything that is neither a directory nor an executable file counts as "no hooks".
  const dirCheck = isExecutableFile(layout.fs, dirPath);
  if (!dirCheck.executable && dirCheck.errno !== 'EISDIR') return { found: false, error: null };
  let names: string[];
  try {
    names = layout.fs.readdirSync(dirPath);
  } catch (error) {
    const errno = errnoOf(error);
    if (errno === 'ENOENT') return { found: false, error: null };
    return { found: false, error: `cannot open directory '${layout.libvirtHooksDir}/${driver}.d': ${strerror(errno)}` };
  }
  const found = names.some((name) => isExecutableFile(layout.fs, `${dirPath}/${name}`).executable);
  return { found, error: null };
}

/**
 * virHookInitialize: runs virHookCheck for every driver, in virHookDriver order. A driver counts
 * when its main script is an executable regular file, or its `.d` directory holds at least one.
 * The first driver whose directory cannot be opened aborts the scan with libvirt's error.
 *
 * @param directories false for libvirt < 6.5 (main scripts only).
 */
export function scanHooks(layout: HookLayout, directories = true): HookScan {
  const drivers: HookDriver[] = [];
  for (const driver of HOOK_DRIVERS) {
    const result = checkDriver(layout, driver, directories);
    if (result.error !== null) return { drivers, error: result.error };
    if (result.found) drivers.push(driver);
  }
  return { drivers, error: null };
}
