import { expect, it } from 'vitest';
import { normalizeDoubles } from '../../src/doubles/normalize-doubles.js';
import { planPathFallback } from '../../src/doubles/plan-path-fallback.js';
import { MERGED_USR, tableFs } from './table-fs.js';

const ENV = ['LC_ALL=C', 'PATH=/usr/sbin:/usr/bin', 'HOME=/root'];
const fs = tableFs(MERGED_USR);

function plan(options: Parameters<typeof normalizeDoubles>[0], env = ENV) {
  const input = { config: normalizeDoubles(options).config, hookPath: '/usr/sbin:/usr/bin', interpreters: ['sh'], protectedPaths: ['/usr/bin/python3.11'] };
  return planPathFallback(input, env, '/slot/views', 'the subreaper isolation has no mount namespace', fs);
}

it('puts the doubles first on the hook\'s PATH, in place, and names them by command', () => {
  const result = plan({ doubles: { iptables: {}, '/usr/sbin/nft': {} } });
  expect(result.env).toEqual(['LC_ALL=C', `PATH=${result.view.dir}:/usr/sbin:/usr/bin`, 'HOME=/root']);
  expect(result.view.names).toEqual(['iptables', 'logger', 'nft', 'virsh']);
  expect(result.lookup.get('nft')?.command).toBe('/usr/sbin/nft');
  expect(plan({}, ['LC_ALL=C']).env).toEqual(['LC_ALL=C', expect.stringMatching(/^PATH=\/slot\/views\/path-[0-9a-f]+:\/usr\/bin:\/bin$/)]);
});

it('says in one message why, and what it cannot intercept', () => {
  const result = plan({ doubles: { '/usr/sbin/nft': {} } });
  expect(result.warning).toBe(
    `Command doubles fall back to PATH: the subreaper isolation has no mount namespace. Hooks see PATH=${result.view.dir}:... instead of libvirt's PATH, `
    + "$0 is the real file instead of /etc/libvirt/hooks/..., libvirt's sockets are not watched, and commands run by absolute path are not intercepted "
    + '(/usr/sbin/nft only through PATH lookups of nft). Run as root with the pid-namespace isolation for a private mount namespace.',
  );
});

it('in strict mode refuses the commands on PATH that are not allowed, never the shim\'s interpreter', () => {
  const result = plan({ strict: true, doubles: { 'python3.11': {} } });
  expect(result.lookup.get('systemctl')).toEqual({ command: 'systemctl', double: null });
  expect(result.lookup.get('firewall-cmd')).toEqual({ command: 'firewall-cmd', double: null });
  for (const name of ['sh', 'dash', 'cat', 'mawk', 'python3', 'python3.11']) expect(result.lookup.has(name)).toBe(false);
});
