import { describe, expect, it } from 'vitest';
import { formatHookFailure, translateStatus } from '../../src/runner/format-hook-failure.js';
import { readTrace, virshErrors } from './oracle.js';

const ENV = readTrace('b-start-veto').find((r) => r.env)?.env ?? [];
const net = (object: string, script = 'network') => [`/etc/libvirt/hooks/${script}`, object, 'start', 'begin', '-'];

describe('formatHookFailure (virCommandWait + virRunScript)', () => {
  it('reproduces every hook error virsh printed in scenarios b and l', () => {
    const b = virshErrors('b-start-veto');
    const l = virshErrors('l-misc-failures');
    const cases: Array<[string | undefined, Parameters<typeof formatHookFailure>[0]]> = [
      [b[0], { env: ENV, argv: net('lvo-iso'), exitCode: 1, signal: null, stderr: Buffer.from('lvoracle: veto from main hook (stderr)\n') }],
      [b[1], { env: ENV, argv: net('lvo-iso', 'network.d/10-first'), exitCode: 1, signal: null, stderr: Buffer.from('lvoracle: veto from 10-first\n') }],
      [b[2], { env: ENV, argv: net('lvo-nat'), exitCode: 3, signal: null, stderr: Buffer.alloc(0) }],
      [b[3], { env: ENV, argv: net('lvo-iso', 'network.d/20-second'), exitCode: 2, signal: null, stderr: Buffer.from('B: 20-second failed\n') }],
      [b[4], { env: ENV, argv: net('lvo-iso'), exitCode: 1, signal: null, stderr: Buffer.alloc(0) }],
      [b[5], { env: ENV, argv: net('lvo-iso'), exitCode: 1, signal: null, stderr: Buffer.from('line1\nline2 no-newline') }],
      [l[0], { env: ENV, argv: net('lvo-iso'), exitCode: null, signal: 9, stderr: Buffer.from('about to die\n') }],
      [l[1], { env: ENV, argv: net('lvo-iso'), exitCode: null, signal: 15, stderr: Buffer.alloc(0) }],
      [l[2], { env: ENV, argv: net('lvo-iso'), exitCode: 255, signal: null, stderr: Buffer.alloc(0) }],
      [l[3], { env: ENV, argv: net('lvo-big'), exitCode: 1, signal: null, stderr: Buffer.from('veto without reading stdin\n') }],
    ];
    expect(b).toHaveLength(6);
    for (const [recorded, facts] of cases) expect(formatHookFailure(facts)).toBe(recorded);
  });

  it('drops exactly one trailing newline and stops at a NUL like a C string', () => {
    const base = { env: [], argv: ['/h', 'o', 'start', 'begin', '-'], exitCode: 1, signal: null };
    expect(formatHookFailure({ ...base, stderr: Buffer.from('a\n\n') })).toMatch(/exit status 1: a\n$/);
    expect(formatHookFailure({ ...base, stderr: Buffer.from('a\0b') })).toMatch(/exit status 1: a$/);
    expect(formatHookFailure({ ...base, stderr: Buffer.from('\n') })).toMatch(/exit status 1$/);
  });

  it('translates statuses like virProcessTranslateStatus', () => {
    expect(translateStatus(0, null)).toBe('exit status 0');
    expect(translateStatus(137, null)).toBe('exit status 137');
    expect(translateStatus(null, 9)).toBe('fatal signal 9');
  });
});
