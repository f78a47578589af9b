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
      expect(first.warnings?.[0]).toMatch(new RegExp(`^Command doubles fall back to PATH: isolation '${isolation}' was chosen, and it has no mount namespace\\. `));
      expect(first.warnings?.[0]).toContain('(/usr/sbin/nft is doubled only when looked up as nft)');
      const second = await call();
      expect(second.warnings).toEqual([]);
      expect(second.commands).toHaveLength(1);
    });
  });

  it('runs a command called by absolute path for real, even in strict mode, and says so once', async () => {
    await withDoubles({ network: hook('nproc-by-path') }, { isolation, doubles: { strict: true } }, async ({ call }) => {
      const first = await call();
      // /usr/bin/nproc is neither doubled nor allowed, yet it ran: nothing sees an absolute path without a namespace.
      expect(stdoutOf(first)).toBe('exit=0 ran=yes\n');
      expect(first).toMatchObject({ status: 'ok', interception: 'path', commands: [], violations: [] });
      expect(first.warnings).toEqual([expect.stringContaining('Commands a hook runs by absolute path (/sbin/iptables, /usr/sbin/nft ...) are NOT intercepted: they run for real on this machine, and strict mode cannot refuse them.')]);
      expect(first.warnings?.[0]).toContain("use isolation 'auto' (the default) as root, or as a user allowed to create user namespaces");
      expect((await call()).warnings).toEqual([]);
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
