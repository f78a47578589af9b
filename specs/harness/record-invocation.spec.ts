import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSession } from '../../src/harness/create-session.js';
import { recordInvocation } from '../../src/harness/record-invocation.js';
import type { HookCall } from '../../src/model/hook-call.js';
import { parseNetworkXml } from '../../src/xml/parse-network.js';
import { file, makeSandbox } from '../runner/hooks-dir.js';
import { ORACLE } from '../runner/oracle.js';
import { PYTHON } from '../runner/sandbox-runner.js';
import { scriptRun } from '../support/script-run.js';
import { survivors } from '../support/survivors.js';

const CALL: HookCall = { driver: 'qemu', object: 'vm', op: 'restore', subop: 'begin', extra: '-', stdin: '<domain/>', filter: true };
const INVALID = Buffer.from([0x6f, 0x6b, 0xff, 0xfe, 0x00, 0xc3, 0x0a]);

describe('recordInvocation keeps exact bytes', () => {
  it('adds stdinBase64/stdoutBase64/stderrBase64 only for streams that are not valid UTF-8', () => {
    const recorded = recordInvocation(scriptRun({ hook: 'qemu.d/10', argv: ['vm', 'restore', 'begin', '-'], stdin: INVALID, stdout: INVALID, stderr: Buffer.from('é ok\n') }), CALL, 0);
    expect(recorded).toMatchObject({ stdin: INVALID.toString('utf8'), stdout: INVALID.toString('utf8'), stderr: 'é ok\n' });
    expect(Buffer.from(recorded.stdinBase64!, 'base64')).toEqual(INVALID);
    expect(Buffer.from(recorded.stdoutBase64!, 'base64')).toEqual(INVALID);
    expect(recorded).not.toHaveProperty('stderrBase64');
  });

  it('adds none for UTF-8 text, NUL and empty streams included', () => {
    const recorded = recordInvocation(scriptRun({ hook: 'qemu', argv: ['vm', 'restore', 'begin', '-'], stdin: Buffer.from('<domain/>'), stdout: Buffer.from('a\0b\n'), stderr: Buffer.alloc(0) }), CALL, 0);
    expect(Object.keys(recorded).filter((key) => key.endsWith('Base64'))).toEqual([]);
  });

  it('keeps the limits a stopped script ran under beside timedOut and outputCapped', () => {
    const argv = ['vm', 'restore', 'begin', '-'] as const;
    expect(recordInvocation(scriptRun({ hook: 'qemu', argv, timedOut: true, timeoutMs: 1_500 }), CALL, 0)).toMatchObject({ timedOut: true, timeoutMs: 1_500 });
    expect(recordInvocation(scriptRun({ hook: 'qemu', argv, outputCapped: 'stderr', maxOutputBytes: 4_096 }), CALL, 0)).toMatchObject({ outputCapped: 'stderr', maxOutputBytes: 4_096 });
    expect(recordInvocation(scriptRun({ hook: 'qemu', argv }), CALL, 0)).not.toHaveProperty('timeoutMs');
  });
});

describe('a real hook printing invalid UTF-8', () => {
  const sandbox = makeSandbox({ network: file("#!/bin/sh\nprintf 'out \\377\\376\\000\\200\\n'\nprintf 'err \\351t\\351\\n' >&2\n", 0o755) });
  afterAll(() => sandbox.remove());

  it('is recorded with its exact bytes, through the spool too', async () => {
    const iso = parseNetworkXml(readFileSync(join(ORACLE, 'xml', 'net-iso.xml'), 'utf8'), 'net-iso.xml');
    // memoryLimit 0: every invocation goes through the spool file and is read back.
    const session = await createSession({ hooksDir: sandbox.hooksDir, cwd: sandbox.cwd, python: PYTHON, recording: { memoryLimit: 0 } });
    try {
      await session.run({ verb: 'net-define', def: iso, file: 'net-iso.xml' });
      await session.run({ verb: 'net-start', network: 'lvo-iso' });
      const [start] = session.recording.invocations;
      expect(start).toMatchObject({ argv: ['lvo-iso', 'start', 'begin', '-'], exitCode: 0, stdout: 'out \ufffd\ufffd\0\ufffd\n', stderr: 'err \ufffdt\ufffd\n' });
      expect(Buffer.from(start!.stdoutBase64!, 'base64')).toEqual(Buffer.from([...Buffer.from('out '), 0xff, 0xfe, 0x00, 0x80, 0x0a]));
      expect(Buffer.from(start!.stderrBase64!, 'base64')).toEqual(Buffer.from([...Buffer.from('err '), 0xe9, 0x74, 0xe9, 0x0a]));
      expect(start).not.toHaveProperty('stdinBase64');
    } finally {
      await session.dispose();
    }
    expect(survivors()).toEqual([]);
  });
});
