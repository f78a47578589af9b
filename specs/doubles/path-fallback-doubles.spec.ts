import { describe, expect, it } from 'vitest';
import { availableMechanisms } from '../runner/sandbox-runner.js';
import { hook, LIBVIRT_PATH, stdoutOf, withDoubles } from './doubles-runner.js';

const fallbacks = (await availableMechanisms()).filter((m) => m !== 'pid-namespace');

describe.each(fallbacks)('command doubles on PATH under %s (no mount namespace)', (isolation) => {
  it('doubles PATH lookups and says once, clearly, what it cannot intercept', async () => {
    const doubles = { doubles: { iptables: {}, '/usr/sbin/nft': {} } };
    await withDoubles({ network: hook('iptables-by-name') }, { isolation, doubles }, async ({ call }) => {
      const first = await call();
      expect(first).toMatchObject({ status: 'ok', interception: 'path' });
      expect(stdoutOf(first)).toBe('exit=0\n');
      expect(first.commands).toMatchObject([{ script: 'network', command: 'iptables', argv: ['-t', 'nat', '-A', 'POSTROUTING', '-s', '192.0.2.0/24', '-j', 'MASQUERADE'] }]);
      const view = first.commands?.[0]?.path.replace(/\/iptables$/, '');
      // The hook's PATH is libvirt's with the doubles in front: the fidelity this mode gives up.
      expect(first.commands?.[0]?.env).toContain(`PATH=${view}:${LIBVIRT_PATH}`);
      expect(first.warnings).toHaveLength(1);
      expect(first.warnings?.[0]).toContain(`Command doubles fall back to PATH: the ${isolation} isolation has no mount namespace`);
      expect(first.warnings?.[0]).toContain('commands run by absolute path are not intercepted (/usr/sbin/nft only through PATH lookups of nft)');
      const second = await call();
      expect(second.warnings).toEqual([]);
      expect(second.commands).toHaveLength(1);
    });
  });

  it('spies on redirected stdin and refuses undoubled commands in strict mode', async () => {
    const hooks = { network: hook('pipe-into-nft'), 'network.d/10-restart': hook('systemctl-restart') };
    await withDoubles(hooks, { isolation, doubles: { doubles: { nft: {} }, strict: true } }, async ({ call }) => {
      const result = await call();
      expect(String(result.commands?.[0]?.stdin)).toBe('table inet virthook {\n}\n');
      expect(stdoutOf(result, 0)).toMatch(/^exit=0\n<hookData>/);
      expect(stdoutOf(result, 1)).toBe('exit=127\n');
      expect(result.violations).toMatchObject([{ kind: 'undoubled-command', script: 'network.d/10-restart', command: 'systemctl' }]);
    });
  });

  it('flags virsh as a call back into libvirt', async () => {
    await withDoubles({ network: hook('virsh-callback') }, { isolation, doubles: {} }, async ({ call }) => {
      const result = await call();
      expect(stdoutOf(result)).toBe('exit=1\n');
      expect(result.violations).toMatchObject([{ kind: 'libvirt-callback', command: 'virsh' }]);
    });
  });
});
