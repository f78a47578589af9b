import { expect, it } from 'vitest';
import { normalizeDoubles } from '../../src/doubles/normalize-doubles.js';
import { planPathFallback } from '../../src/doubles/plan-path-fallback.js';
import { MERGED_USR, tableFs } from './table-fs.js';

const ENV = ['LC_ALL=C', 'PATH=/usr/sbin:/usr/bin', 'HOME=/root'];
const fs = tableFs(MERGED_USR);

function plan(options: Parameters<typeof normalizeDoubles>[0], env = ENV, viewRoot = '/slot/views') {
  const input = { config: normalizeDoubles(options).config, hookPath: '/usr/sbin:/usr/bin', interpreters: ['sh'], protectedPaths: ['/usr/bin/python3.11'] };
  return planPathFallback(input, env, viewRoot, 'the subreaper isolation has no mount namespace', fs);
}

it('puts the doubles first on the hook\'s PATH, in place, and names them by command', () => {
  const result = plan({ doubles: { iptables: {}, '/usr/sbin/nft': {} } });
  expect(result.env).toEqual(['LC_ALL=C', `PATH=${result.view.dir}:/usr/sbin:/usr/bin`, 'HOME=/root']);
  expect(result.view.names).toEqual(['iptables', 'logger', 'nft', 'virsh']);
  expect(result.lookup.get('nft')?.command).toBe('/usr/sbin/nft');
  expect(plan({}, ['LC_ALL=C']).env).toEqual(['LC_ALL=C', expect.stringMatching(/^PATH=\/slot\/views\/path-[0-9a-f]+:\/usr\/bin:\/bin$/)]);
});

it('says in one message why, that commands run by absolute path run for real, and how to get namespaces', () => {
  const result = plan({ doubles: { '/usr/sbin/nft': {} } });
  expect(result.warning).toBe(
    'Command doubles fall back to PATH: the subreaper isolation has no mount namespace. '
    + 'Commands a hook runs by absolute path (/sbin/iptables, /usr/sbin/nft ...) are NOT intercepted: they run for real on this machine, and strict mode cannot refuse them '
    + '(/usr/sbin/nft is doubled only when looked up as nft). '
    + "Hooks also see the doubles first on PATH instead of libvirt's PATH, $0 is the script's real path instead of /etc/libvirt/hooks/..., and calls to libvirt's sockets are not detected. "
    + "To intercept every command, use isolation 'auto' (the default) as root, or as a user allowed to create user namespaces "
    + '(sysctl kernel.unprivileged_userns_clone=1; on Ubuntu 23.10+ also kernel.apparmor_restrict_unprivileged_userns=0), with unshare (util-linux) and python3 installed (README: Namespaces).',
  );
  // The same words for every runner (not its temporary directory): a run of many scenarios says it once.
  expect(plan({ doubles: { '/usr/sbin/nft': {} } }, ENV, '/another/slot/views').warning).toBe(result.warning);
});

it('in strict mode refuses the commands on PATH that are not allowed, never the shim\'s interpreter', () => {
  const result = plan({ strict: true, doubles: { 'python3.11': {} } });
  expect(result.lookup.get('systemctl')).toEqual({ command: 'systemctl', double: null });
  expect(result.lookup.get('firewall-cmd')).toEqual({ command: 'firewall-cmd', double: null });
  for (const name of ['sh', 'dash', 'cat', 'mawk', 'python3', 'python3.11']) expect(result.lookup.has(name)).toBe(false);
});
