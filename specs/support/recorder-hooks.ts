import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RECORDER = fileURLToPath(new URL('../../fixtures/recorder/recorder.py', import.meta.url));

/** A temporary hooks directory laid out like the oracle's: recorder.py as each named script. */
export interface RecorderHooks {
  readonly dir: string;
  /** Writes ctl.json, the rules steering every recorder (same format as the oracle's). */
  setRules(rules: readonly Record<string, unknown>[]): void;
  remove(): void;
}

export function recorderHooks(scripts: readonly string[]): RecorderHooks {
  const dir = mkdtempSync(join(tmpdir(), 'virthook-hooks-'));
  for (const script of scripts) {
    const path = join(dir, script);
    mkdirSync(join(path, '..'), { recursive: true });
    copyFileSync(RECORDER, path);
    chmodSync(path, 0o755);
  }
  const hooks: RecorderHooks = {
    dir,
    setRules: (rules) => writeFileSync(join(dir, 'ctl.json'), JSON.stringify({ rules })),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
  hooks.setRules([]);
  return hooks;
}
