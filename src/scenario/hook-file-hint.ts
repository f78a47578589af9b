import { stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Why a hook the scenario expected never ran, from the file itself: missing, a directory, or
 * without an exec bit (virHookInitialize and the `.d` scan skip those silently, as libvirt does).
 */
export async function hookFileHint(hooksDir: string, hook: string): Promise<string | null> {
  const path = join(hooksDir, hook);
  try {
    const info = await stat(path);
    if (info.isDirectory()) return `${hook} is a directory in ${hooksDir}; libvirt skips directories.`;
    if ((info.mode & 0o111) === 0) {
      return `${hook} exists but is not executable (mode ${(info.mode & 0o777).toString(8).padStart(4, '0')}); libvirt skips it silently. Did you forget chmod +x?`;
    }
    return null;
  } catch {
    return `${hook} does not exist in ${hooksDir}. Check the name: libvirt runs <driver> and <driver>.d/* only.`;
  }
}
