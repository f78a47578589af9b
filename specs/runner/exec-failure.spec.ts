import { describe, expect, it } from 'vitest';
import { execFailure } from '../../src/runner/exec-failure.js';
import { signalName, signalNumber } from '../../src/runner/signal-name.js';

describe('execFailure (virExec child after a failed execve)', () => {
  it('writes libvirt\'s line with two spaces and exits 126, or 127 for ENOENT', () => {
    expect(execFailure('EACCES', '/etc/libvirt/hooks/network')).toEqual({
      exitCode: 126, stderr: Buffer.from('libvirt:  error : cannot execute binary /etc/libvirt/hooks/network: Permission denied\n'),
    });
    expect(execFailure('ENOENT', '/h').exitCode).toBe(127);
    expect(String(execFailure('ENOEXEC', '/h').stderr)).toBe('libvirt:  error : cannot execute binary /h: Exec format error\n');
    expect(String(execFailure('E2BIG', '/h', 'Argument list too long').stderr)).toMatch(/: Argument list too long\n$/);
  });
});

describe('signal names', () => {
  it('maps numbers and names both ways', () => {
    expect(signalName(9)).toBe('SIGKILL');
    expect(signalName(15)).toBe('SIGTERM');
    expect(signalNumber('SIGKILL')).toBe(9);
    expect(signalName(99)).toBe('SIG99');
    expect(signalNumber('SIG99')).toBe(99);
    expect(signalNumber('NOPE')).toBeNull();
  });
});
