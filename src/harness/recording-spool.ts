import * as nodeFs from 'node:fs';
import { join } from 'node:path';
import { VirthookError } from '../errors/virthook-error.js';
import type { RecordingSettings } from './recording-options.js';

/** The file-system calls the spool makes (node:fs; memfs or a failing double in specs). */
export interface SpoolFileSystem {
  mkdtempSync(prefix: string): string;
  openSync(path: string, flags: string, mode?: number): number;
  unlinkSync(path: string): void;
  rmdirSync(path: string): void;
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number | null): number;
  readSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): number;
  closeSync(fd: number): void;
}

/** Options of a RecordingSpool: the session's recording settings, and the file system. */
export interface RecordingSpoolOptions extends RecordingSettings {
  /** @default node:fs */
  readonly fs?: SpoolFileSystem;
}

const READ_CHUNK = 1 << 20;
const NEWLINE = 0x0a;

const errnoOf = (error: unknown) => (error as { code?: unknown } | null)?.code ?? (error as Error).message;

/**
 * An append-only list of JSON values (recorded invocations, steps) whose memory does not grow
 * with its length: the newest `memoryLimit` items stay in memory, older ones are appended as JSON
 * lines to a temp file. The file is unlinked as soon as it is open, so nothing is left on disk
 * even when dispose() is never called (its space is freed when the descriptor closes: dispose, or
 * the process's exit). Items must survive JSON (strings, numbers, booleans, null, arrays, objects
 * without undefined values); read() gives them back in push order.
 */
export class RecordingSpool<T> {
  readonly #limit: number;
  readonly #dir: string;
  readonly #fs: SpoolFileSystem;
  #tail: T[] = [];
  #spilled = 0;
  #spilledBytes = 0;
  #fd: number | null = null;
  #disposed = false;

  constructor(options: RecordingSpoolOptions) {
    this.#limit = options.memoryLimit;
    this.#dir = options.dir;
    this.#fs = options.fs ?? nodeFs;
  }

  /** How many items were pushed (cheap: reads nothing back). */
  get count(): number {
    return this.#spilled + this.#tail.length;
  }

  /** How many of them went to the file. */
  get spilled(): number {
    return this.#spilled;
  }

  push(item: T): void {
    this.#assertOpen();
    this.#tail.push(item);
    // Half the limit goes out at a time, so a spill is one write per memoryLimit/2 pushes.
    if (this.#tail.length > this.#limit) this.#spill(this.#tail.length - Math.floor(this.#limit / 2));
  }

  /** Every item in push order: the file's (parsed back, a cost proportional to them) then memory's. */
  read(): T[] {
    this.#assertOpen();
    const items: T[] = [];
    if (this.#fd !== null) for (const item of this.#readFile(this.#fd)) items.push(item);
    for (const item of this.#tail) items.push(item);
    return items;
  }

  /** Closes the file (freeing its space) and drops the items; the spool cannot be used again. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#tail = [];
    if (this.#fd !== null) this.#fs.closeSync(this.#fd);
    this.#fd = null;
  }

  #assertOpen(): void {
    if (this.#disposed) throw new VirthookError('INTERNAL', 'RecordingSpool was used after dispose()');
  }

  #spill(count: number): void {
    const fd = this.#fd ?? this.#open();
    const batch = this.#tail.slice(0, count);
    const bytes = Buffer.from(batch.map((item) => `${JSON.stringify(item)}\n`).join(''), 'utf8');
    try {
      // At an explicit offset: a write that failed half-way is overwritten by the next attempt.
      for (let written = 0; written < bytes.length;) written += this.#fs.writeSync(fd, bytes, written, bytes.length - written, this.#spilledBytes + written);
    } catch (error) {
      throw this.#failure(`could not write ${bytes.length} bytes to its spool file in ${this.#dir} (${errnoOf(error)})`, error);
    }
    this.#tail = this.#tail.slice(count);
    this.#spilled += count;
    this.#spilledBytes += bytes.length;
  }

  #open(): number {
    let dir: string;
    try {
      dir = this.#fs.mkdtempSync(join(this.#dir, 'virthook-recording-'));
    } catch (error) {
      throw this.#failure(`could not create a spool directory in ${this.#dir} (${errnoOf(error)})`, error);
    }
    const file = join(dir, 'spool.jsonl');
    let fd: number | null = null;
    try {
      fd = this.#fs.openSync(file, 'wx+', 0o600);
      this.#fs.unlinkSync(file);
      this.#fs.rmdirSync(dir);
    } catch (error) {
      if (fd !== null) this.#fs.closeSync(fd);
      throw this.#failure(`could not set up its spool file ${file} (${errnoOf(error)})`, error);
    }
    this.#fd = fd;
    return fd;
  }

  /** The file's items, read in chunks: a spool larger than a string can hold still reads back. */
  *#readFile(fd: number): Generator<T> {
    const chunk = Buffer.allocUnsafe(READ_CHUNK);
    let partial: Buffer[] = [];
    for (let position = 0; position < this.#spilledBytes;) {
      let got: number;
      try {
        got = this.#fs.readSync(fd, chunk, 0, Math.min(chunk.length, this.#spilledBytes - position), position);
      } catch (error) {
        throw this.#failure(`could not read its spool file back (${errnoOf(error)})`, error);
      }
      if (got === 0) throw this.#failure(`its spool file ended at byte ${position} of ${this.#spilledBytes}`);
      position += got;
      const data = chunk.subarray(0, got);
      let start = 0;
      for (let end = data.indexOf(NEWLINE); end >= 0; end = data.indexOf(NEWLINE, start)) {
        const line = partial.length === 0 ? data.subarray(start, end) : Buffer.concat([...partial, data.subarray(start, end)]);
        partial = [];
        yield JSON.parse(line.toString('utf8')) as T;
        start = end + 1;
      }
      // The chunk is reused: keep a copy of the line it ends inside.
      if (start < got) partial.push(Buffer.from(data.subarray(start)));
    }
  }

  #failure(what: string, cause?: unknown): VirthookError {
    return new VirthookError(
      'RECORDING_SPOOL_FAILED',
      `Failed to keep the session's recording: ${what}. Free space there, point the recording.dir option elsewhere, or set recording.memoryLimit to Infinity to keep it in memory.`,
      cause === undefined ? {} : { cause },
    );
  }
}
