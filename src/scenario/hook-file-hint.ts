import { stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Where the hint looks and how it names what it found. */
export interface HookFileHintOptions {
  /** The directory the user knows, named in the hint. @default the directory searched */
  readonly shownDir?: string;
  /** The run's hook-file steps changed the directory searched (a scratch copy of `shownDir`). @default false */
  readonly changed?: boolean;
}

/**
 * Why a hook the scenario expected never ran, from the file itself: missing, a directory, or
 * without an exec bit (virHookInitialize and the `.d` scan skip those silently, as libvirt does).
 */
export async function hookFileHint(hooksDir: string, hook: string, options: HookFileHintOptions = {}): Promise<string | null> {
  const shown = options.shownDir ?? hooksDir;
  // After hook-write/chmod/remove steps the user's own directory is not what the run saw.
  const where = options.changed ? `${shown} as the scenario's hook-file steps left it` : shown;
  const path = join(hooksDir, hook);
  try {
    const info = await stat(path);
    if (info.isDirectory()) return `${hook} is a directory in ${where}; libvirt skips directories.`;
    if ((info.mode & 0o111) === 0) {
      return `${hook} exists ${options.changed ? `in ${where} ` : ''}but is not executable (mode ${(info.mode & 0o777).toString(8).padStart(4, '0')}); libvirt skips it silently. Did you forget chmod +x?`;
    }
    return null;
  } catch {
    return `${hook} does not exist in ${where}. Check the name: libvirt runs <driver> and <driver>.d/* only.`;
  }
}
