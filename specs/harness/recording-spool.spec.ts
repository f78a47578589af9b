import * as nodeFs from 'node:fs';
import { mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Volume } from 'memfs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirthookError } from '../../src/errors/virthook-error.js';
import { recordInvocation } from '../../src/harness/record-invocation.js';
import { RecordingSpool, type SpoolFileSystem } from '../../src/harness/recording-spool.js';
import type { HookCall } from '../../src/model/hook-call.js';
import type { RecordedInvocation } from '../../src/model/recording.js';
import { scriptRun } from '../support/script-run.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'virthook-spool-spec-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The descriptors this process holds on files under `under` (what /proc/self/fd links to). */
const openFilesUnder = (under: string) =>
  readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      return target.startsWith(under) ? [target] : [];
    } catch {
      return [];
    }
  });

const call: HookCall = { driver: 'network', object: 'lab', op: 'started', subop: 'begin', extra: '-', stdin: '<hookData>\u2028é\n</hookData>', filter: false };

/** Script runs whose bytes are awkward for a text spool: not UTF-8, split sequences, separators. */
function invocation(i: number): RecordedInvocation {
  const script = scriptRun({
    hook: i % 2 === 0 ? 'network' : 'network.d/50-é',
    argv: ['lab', 'started', 'begin', '-'],
    stdin: i % 3 === 0 ? Buffer.from([0x3c, 0xff, 0xfe, 0x0a, 0xe2, 0x82]) : null,
    stdout: Buffer.concat([Buffer.from(`line ${i}\n\r\u2029"\\`), Buffer.from([0xc3])]),
    stderr: Buffer.from([0xed, 0xa0, 0x80, 0x00, 0x0a]),
    exitCode: i % 5 === 0 ? null : i % 7,
    signal: i % 5 === 0 ? 'SIGKILL' : null,
    durationMs: i + 0.1 + 0.2,
    ...(i % 4 === 0 ? { timedOut: true, outputCapped: 'stderr' as const, survivors: [{ pid: i, command: 'sleep 9' }] } : {}),
  });
  return recordInvocation(script, { ...call, stdin: i % 3 === 1 ? '\ud800 lone surrogate' : call.stdin }, i);
}

describe('RecordingSpool', () => {
  it('keeps up to memoryLimit items in memory and creates no file for them', () => {
    const fs = { ...nodeFs, mkdtempSync: () => { throw new Error('no file expected'); } } as unknown as SpoolFileSystem;
    const spool = new RecordingSpool<RecordedInvocation>({ memoryLimit: 8, dir, fs });
    const items = Array.from({ length: 8 }, (_, i) => invocation(i));
    for (const item of items) spool.push(item);
    expect(spool.count).toBe(8);
    expect(spool.spilled).toBe(0);
    expect(spool.read()).toEqual(items);
    spool.dispose();
  });

  it('spills older items as JSON lines and reads everything back in order, text exactly as recorded', () => {
    const spool = new RecordingSpool<RecordedInvocation>({ memoryLimit: 4, dir });
    const items = Array.from({ length: 61 }, (_, i) => invocation(i));
    for (const item of items) spool.push(item);
    expect(spool.count).toBe(61);
    expect(spool.spilled).toBeGreaterThanOrEqual(57);
    const back = spool.read();
    expect(back).toEqual(items);
    // Non-UTF-8 bytes were already U+FFFD in the recording (Buffer#toString): the spool keeps that text as it is.
    expect(back[0]!.stdin).toBe('<\ufffd\ufffd\n\ufffd');
    expect(back[0]!.stdout.endsWith('\\\ufffd')).toBe(true);
    expect(back[1]!.stdin).toBe('\ud800 lone surrogate');
    expect(back.map((i) => i.stepIndex)).toEqual(items.map((_, i) => i));
    // Reading does not consume: a second read and further pushes see the same history.
    spool.push(invocation(61));
    expect(spool.read()).toEqual([...items, invocation(61)]);
    spool.dispose();
  });

  it('spills every item at memoryLimit 0, and reads back items larger than its read chunk', () => {
    const spool = new RecordingSpool<{ text: string; n: number }>({ memoryLimit: 0, dir });
    const big = 'x'.repeat(3 * 1024 * 1024 + 17);
    const items = [{ text: 'a', n: 1 }, { text: big, n: 2 }, { text: `é${big}\n`, n: 3 }, { text: '', n: 4 }];
    for (const item of items) spool.push(item);
    expect(spool.spilled).toBe(4);
    expect(spool.read()).toEqual(items);
    spool.dispose();
  });

  it('never leaves its file on disk: unlinked once open, its descriptor closed by dispose()', () => {
    const spool = new RecordingSpool<RecordedInvocation>({ memoryLimit: 2, dir });
    for (let i = 0; i < 10; i += 1) spool.push(invocation(i));
    expect(spool.spilled).toBeGreaterThan(0);
    expect(readdirSync(dir)).toEqual([]);
    expect(openFilesUnder(dir)).toEqual([expect.stringMatching(/\/virthook-recording-\w+\/spool\.jsonl \(deleted\)$/)]);
    spool.dispose();
    expect(openFilesUnder(dir)).toEqual([]);
    expect(() => spool.read()).toThrow(VirthookError);
    spool.dispose();
  });

  it('works over another file system (memfs)', () => {
    const volume = new Volume();
    volume.mkdirSync('/tmp', { recursive: true });
    const spool = new RecordingSpool<RecordedInvocation>({ memoryLimit: 3, dir: '/tmp', fs: volume as unknown as SpoolFileSystem });
    const items = Array.from({ length: 20 }, (_, i) => invocation(i));
    for (const item of items) spool.push(item);
    expect(spool.spilled).toBeGreaterThan(0);
    expect(volume.readdirSync('/tmp')).toEqual([]);
    expect(spool.read()).toEqual(items);
    spool.dispose();
  });

  it('reports a failed write as RECORDING_SPOOL_FAILED and loses nothing: the next spill writes the items again', () => {
    let full = true;
    const fs: SpoolFileSystem = {
      ...nodeFs,
      writeSync: (fd, buffer, offset, length, position) => {
        if (!full) return nodeFs.writeSync(fd, buffer, offset, length, position);
        // Half of it lands, then the disk is full.
        nodeFs.writeSync(fd, buffer, offset, Math.floor(length / 2), position);
        throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      },
    } as SpoolFileSystem;
    const spool = new RecordingSpool<RecordedInvocation>({ memoryLimit: 2, dir, fs });
    const items = Array.from({ length: 6 }, (_, i) => invocation(i));
    spool.push(items[0]!);
    spool.push(items[1]!);
    const error = (() => {
      try {
        spool.push(items[2]!);
        return null;
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(VirthookError);
    expect((error as VirthookError).code).toBe('RECORDING_SPOOL_FAILED');
    expect((error as VirthookError).message).toMatch(/ENOSPC.*recording\.memoryLimit/s);
    full = false;
    for (const item of items.slice(3)) spool.push(item);
    expect(spool.read()).toEqual(items);
    spool.dispose();
  });

  it('reports a directory it cannot create in as RECORDING_SPOOL_FAILED', () => {
    const spool = new RecordingSpool<number>({ memoryLimit: 0, dir: join(dir, 'missing') });
    expect(() => spool.push(1)).toThrow(expect.objectContaining({ code: 'RECORDING_SPOOL_FAILED', message: expect.stringMatching(/ENOENT/) }));
    spool.dispose();
  });
});
