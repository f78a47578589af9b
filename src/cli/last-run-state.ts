import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScenarioResult } from '../scenario/scenario-result.js';

/** Where `virthook run` remembers failures for `--rerun-failed`, relative to the cwd. */
export const LAST_RUN_FILE = '.virthook/last-run.json';

/** One failed test case: a scenario file (as shown, relative to the cwd) on one release. */
export interface FailedCase {
  readonly file: string;
  readonly libvirt: string;
}

/** What the last runs left: the cases that failed and have not passed since. */
export interface LastRun {
  readonly failed: readonly FailedCase[];
}

/** The remembered failures; null when no run has been recorded in `cwd` (or the file is unreadable). */
export async function readLastRun(cwd: string): Promise<LastRun | null> {
  try {
    const data = JSON.parse(await readFile(join(cwd, LAST_RUN_FILE), 'utf8')) as { failed?: unknown };
    if (!Array.isArray(data.failed)) return null;
    return { failed: data.failed.filter((c): c is FailedCase => typeof c?.file === 'string' && typeof c?.libvirt === 'string') };
  } catch {
    return null;
  }
}

/**
 * This run's failures merged with what is remembered. Cases this run did not run (other shards,
 * --filter, --libvirt, or passing cases left out by --rerun-failed) keep what the previous runs
 * said about them.
 */
export function nextLastRun(previous: LastRun | null, results: readonly ScenarioResult[]): LastRun {
  const ran = new Set(results.flatMap((r) => r.runs.map((run) => key({ file: r.file, libvirt: run.libvirt }))));
  return {
    failed: [
      ...(previous?.failed ?? []).filter((c) => !ran.has(key(c))),
      ...results.flatMap((r) => r.runs.filter((run) => !run.passed).map((run) => ({ file: r.file, libvirt: run.libvirt }))),
    ],
  };
}

/** Writes `state` to LAST_RUN_FILE under `cwd`. @throws the file system's error (EACCES in a read-only checkout ...). */
export async function saveLastRun(cwd: string, state: LastRun): Promise<void> {
  await mkdir(join(cwd, '.virthook'), { recursive: true });
  // The directory ignores itself, so a hooks repository needs no .gitignore entry.
  await writeFile(join(cwd, '.virthook/.gitignore'), '*\n');
  await writeFile(join(cwd, LAST_RUN_FILE), `${JSON.stringify({ version: 1, ...state }, null, 2)}\n`);
}

const key = (c: FailedCase) => `${c.libvirt}\u0000${c.file}`;
