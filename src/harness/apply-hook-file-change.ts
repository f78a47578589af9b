import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize } from 'node:path';
import type { HookFileChange } from '../simulator/command.js';

/**
 * Applies a scenario's change to a file under the hooks directory (always a scratch copy: the
 * user's own directory is never touched). Resolves to an error text for the step, or null.
 */
export async function applyHookFileChange(hooksDir: string, change: HookFileChange): Promise<string | null> {
  const relative = normalize(change.path);
  if (isAbsolute(relative) || relative.startsWith('..')) return `hook file ${change.path} is outside the hooks directory`;
  const path = join(hooksDir, relative);
  try {
    if (change.op === 'write') {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, change.content, { mode: change.mode });
      await chmod(path, change.mode);
    } else if (change.op === 'remove') {
      await rm(path, { recursive: true });
    } else {
      await chmod(path, change.mode);
    }
    return null;
  } catch (error) {
    return `cannot ${change.op} hook file ${change.path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
  }
}
