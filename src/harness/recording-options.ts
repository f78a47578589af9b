import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute } from 'node:path';
import { type Problem, VirthookError } from '../errors/virthook-error.js';

/** How a Session keeps its recording (createSession's `recording` option). */
export interface RecordingOptions {
  /**
   * Recorded script runs (and, separately, steps) kept in memory; older ones are written to an
   * unlinked temp file and read back by `session.recording` and `session.steps`.
   * `Infinity` keeps everything in memory and never creates a file.
   * @default 256
   */
  readonly memoryLimit?: number;
  /**
   * The directory the spool file is created in (on the first spill, and unlinked at once).
   * @default os.tmpdir()
   */
  readonly dir?: string;
}

/** RecordingOptions with every default applied and every value checked. */
export interface RecordingSettings {
  readonly memoryLimit: number;
  readonly dir: string;
}

const KNOWN = ['memoryLimit', 'dir'];

const show = (value: unknown) => `${typeof value === 'string' ? JSON.stringify(value) : String(value)} (${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value})`;

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Applies defaults to the `recording` option and validates it once, before any file exists.
 * @throws VirthookError OPTIONS_INVALID listing every problem (option, value and type).
 */
export function normalizeRecordingOptions(options: RecordingOptions | undefined, source = 'createSession options'): RecordingSettings {
  if (options === undefined) return { memoryLimit: 256, dir: tmpdir() };
  const problems: Problem[] = [];
  const bad = (path: string, message: string) => problems.push({ file: source, path, message: `${path} ${message}` });
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    bad('recording', `must be an object like { memoryLimit: 256 }, got ${show(options)}`);
  } else {
    for (const key of Object.keys(options)) if (!KNOWN.includes(key)) bad(`recording.${key}`, `is not an option (known: ${KNOWN.join(', ')})`);
    const { memoryLimit, dir } = options;
    if (memoryLimit !== undefined && !(memoryLimit === Infinity || (Number.isSafeInteger(memoryLimit) && memoryLimit >= 0))) {
      bad('recording.memoryLimit', `must be a non-negative integer or Infinity, got ${show(memoryLimit)}`);
    }
    if (dir !== undefined && !(typeof dir === 'string' && isAbsolute(dir) && isDirectory(dir))) {
      bad('recording.dir', `must be an absolute path to an existing directory, got ${show(dir)}`);
    }
  }
  if (problems.length > 0) {
    throw new VirthookError('OPTIONS_INVALID', `Invalid ${source}:\n${problems.map((p) => `  - ${p.message}`).join('\n')}`, { problems });
  }
  return { memoryLimit: options.memoryLimit ?? 256, dir: options.dir ?? tmpdir() };
}
