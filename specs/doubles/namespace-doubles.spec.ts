import { describe, expect, it } from 'vitest';
import { createCommandDoubles } from '../../src/doubles/command-doubles.js';
import { file } from '../runner/hooks-dir.js';
import { skippedWithout } from '../runner/sandbox-runner.js';
import { hook, LIBVIRT_PATH, script, stdoutOf, withDoubles } from './doubles-runner.js';

const skipped = await skippedWithout('pid-namespace');
const isolation = 'pid-namespace';
const RECORDED_ENV = ['LC_ALL=C', `PATH=${LIBVIRT_PATH}`, 'HOME=/root', 'USER=root', 'LOGNAME=root', 'TMPDIR=/tmp'];

describe.skipIf(skipped !== '')(`command doubles in a private mount namespace${skipped}`, () => {
  it('intercepts a command by name and by absolute path, recording argv, env, cwd and the script', async () => {
    await withDoubles({ network: hook('iptables-by-name'), 'network.d/10-list': hook('iptables-by-path') }, { isolation, doubles: { doubles: { iptables: {} } } }, async ({ call, sandbox }) => {
      const result = await call();
      expect(result).toMatchObject({ status: 'ok', interception: 'namespace', warnings: [], violations: [] });
      expect(result.commands).toMatchObject([
        { script: 'network', command: 'iptables', path: '/usr/local/sbin/iptables', argv: ['-t', 'nat', '-A', 'POSTROUTING', '-s', '192.0.2.0/24', '-j', 'MASQUERADE'], stdin: null, outcome: 'double' },
        { script: 'network.d/10-list', command: 'iptables', path: '/sbin/iptables', argv: ['-w', '-L', 'FORWARD'], outcome: 'double' },
      ]);
      // The double sees exactly what the hook passes on: libvirt's environment as dash exports it (reordered, plus PWD).
      expect([...(result.commands?.[0]?.env ?? [])].sort()).toEqual([...RECORDED_ENV, `PWD=${sandbox.cwd}`].sort());
      expect(result.commands?.[0]?.cwd).toBe(sandbox.cwd);
      expect(stdoutOf(result, 0)).toBe('exit=0\n');
      expect(stdoutOf(result, 1)).toBe('exit=0\n');
    });
  });

  it('shows the hooks directory at /etc/libvirt/hooks and keeps libvirt\'s PATH', async () => {
    await withDoubles({ network: hook('print-self'), 'hook.conf': file('rules next to the hook\n') }, { isolation, doubles: {} }, async ({ call }) => {
      expect(stdoutOf(await call())).toBe(`argv0=/etc/libvirt/hooks/network\nPATH=${LIBVIRT_PATH}\nrules next to the hook\n`);
    });
  });

  it('records what the caller redirects into a double and leaves inherited stdin unread', async () => {
    await withDoubles({ network: hook('pipe-into-nft') }, { isolation, doubles: { doubles: { nft: {} } } }, async ({ call }) => {
      const result = await call();
      expect(result.commands?.[0]).toMatchObject({ command: 'nft', argv: ['-f', '-'] });
      expect(String(result.commands?.[0]?.stdin)).toBe('table inet virthook {\n}\n');
      // `cat` after nft still gets the hook's own stdin: the double did not consume it.
      expect(stdoutOf(result)).toBe('exit=0\n<hookData>\n  <network>\n    <name>lvo-iso</name>\n  </network>\n</hookData>');
    });
  });

  it('answers by argv, by regular expression and in sequence, per call or across calls', async () => {
    await withDoubles({ network: hook('check-then-add'), qemu: hook('iptables-three-times') }, { isolation }, async ({ call }) => {
      const check = ['-t', 'nat', '-C', 'PREROUTING', '-p', 'tcp', '--dport', '8080', '-j', 'DNAT', '--to-destination', '192.0.2.10:80'];
      const missing = createCommandDoubles({ doubles: { iptables: { replies: [{ argv: check, exit: 1, stderr: 'iptables: Bad rule.\n' }, { matches: '^-t nat -A ', exit: 4 }] } } });
      const added = await call({}, { doubles: missing });
      expect(stdoutOf(added)).toBe('added exit=4\n');
      expect(String(added.scripts[0]?.stderr)).toBe('iptables: Bad rule.\n');
      expect(added.commands?.map((c) => c.reply.exitCode)).toEqual([1, 4]);
      const present = await call({}, { doubles: createCommandDoubles({ doubles: { iptables: {} } }) });
      expect(stdoutOf(present)).toBe('present\n');
      const sequence = createCommandDoubles({ doubles: { iptables: { sequence: [{ stdout: '-P FORWARD ACCEPT\n' }, { exit: 1 }] } } });
      const first = await call({ driver: 'qemu' }, { doubles: sequence });
      expect(stdoutOf(first)).toBe('-P FORWARD ACCEPT\nexit=0\nexit=1\nexit=0\n');
      // The same CommandDoubles continues its sequence: it is used up, so the default answers.
      expect(stdoutOf(await call({ driver: 'qemu' }, { doubles: sequence }))).toBe('exit=0\nexit=0\nexit=0\n');
    });
  });

  it('shows absolute-path doubles where the host has a symlink, nothing, or not even the directory', async () => {
    const hooks = {
      network: script('#!/bin/sh\n/usr/sbin/ip -o link show; echo "ip=$?"\nip route; echo "route=$?"\n/usr/sbin/nft list ruleset; echo "nft=$?"\n/usr/local/libexec/virthook-fixture/fwctl --reload; echo "fwctl=$?"\n'),
    };
    const doubles = {
      doubles: {
        '/usr/sbin/ip': { replies: [{ matches: '^-o link', stdout: '1: lo: <LOOPBACK>\n' }] },
        '/usr/sbin/nft': { replies: [{ exit: 3 }] },
        '/usr/local/libexec/virthook-fixture/fwctl': { replies: [{ exit: 5 }] },
      },
    };
    await withDoubles(hooks, { isolation, doubles }, async ({ call }) => {
      const result = await call();
      expect(stdoutOf(result)).toBe('1: lo: <LOOPBACK>\nip=0\nroute=0\nnft=3\nfwctl=5\n');
      // `ip route` went through PATH and reached /usr/sbin/ip: the path's double answered it.
      expect(result.commands?.map((c) => [c.command, c.path])).toEqual([
        ['/usr/sbin/ip', '/usr/sbin/ip'], ['/usr/sbin/ip', '/usr/sbin/ip'], ['/usr/sbin/nft', '/usr/sbin/nft'],
        ['/usr/local/libexec/virthook-fixture/fwctl', '/usr/local/libexec/virthook-fixture/fwctl'],
      ]);
    });
  });

  it('in strict mode refuses an undoubled command, naming it and how to double it', async () => {
    const hooks = { network: hook('systemctl-restart'), 'network.d/20-nproc': script('#!/bin/sh\nnproc >/dev/null; echo "nproc=$?"\nsed -n 1p /dev/null; echo "sed=$?"\n') };
    await withDoubles(hooks, { isolation, doubles: { strict: true } }, async ({ call }) => {
      const result = await call();
      // libvirt's outcome is the hooks' exit statuses; the refusal is reported beside it.
      expect(result.status).toBe('ok');
      expect(stdoutOf(result, 0)).toBe('exit=127\n');
      expect(String(result.scripts[0]?.stderr)).toBe('virthook: systemctl is neither doubled nor allowed (strict mode); double it (doubles: { systemctl: {} }) or allow it (allow: [systemctl]).\n');
      expect(stdoutOf(result, 1)).toBe('nproc=127\nsed=0\n');
      expect(result.violations).toEqual([
        {
          kind: 'undoubled-command', script: 'network', command: 'systemctl',
          message: 'network ran systemctl restart dnsmasq, which is neither doubled nor allowed (strict mode). Double it in the scenario (doubles: { systemctl: { replies: [{ stdout: ..., exit: 0 }] } }) or let it run for real (allow: [systemctl]).',
        },
        expect.objectContaining({ kind: 'undoubled-command', script: 'network.d/20-nproc', command: 'nproc' }),
      ]);
      expect(result.commands?.map((c) => [c.command, c.outcome])).toEqual([['systemctl', 'refused'], ['nproc', 'refused']]);
    });
    await withDoubles({ network: hooks['network.d/20-nproc'] }, { isolation, doubles: { strict: true, allow: ['nproc'] } }, async ({ call }) => {
      const result = await call();
      expect(stdoutOf(result)).toBe('nproc=0\nsed=0\n');
      expect(result.violations).toEqual([]);
    });
  });

  it('refuses in strict mode a command run by absolute path (the PATH fallback would run it for real)', async () => {
    await withDoubles({ network: hook('nproc-by-path') }, { isolation, doubles: { strict: true } }, async ({ call }) => {
      const result = await call();
      expect(stdoutOf(result)).toBe('exit=127 ran=\n');
      expect(result).toMatchObject({ interception: 'namespace', warnings: [], commands: [{ command: 'nproc', path: '/usr/bin/nproc', outcome: 'refused' }] });
      expect(result.violations).toMatchObject([{ kind: 'undoubled-command', script: 'network', command: 'nproc' }]);
    });
  });

  it('flags virsh and connections to libvirt\'s sockets as calls that deadlock a real libvirtd', async () => {
    await withDoubles({ network: hook('virsh-callback'), 'network.d/10-socket': hook('socket-callback') }, { isolation, doubles: {} }, async ({ call }) => {
      const result = await call();
      expect(stdoutOf(result, 0)).toBe('exit=1\n');
      expect(String(result.scripts[0]?.stderr)).toBe("virthook: virsh was called from a hook: this deadlocks a real libvirtd (libvirt runs hooks synchronously while holding the object's lock).\n");
      expect(stdoutOf(result, 1)).toBe('connected /var/run/libvirt/virtnetworkd-sock\n');
      expect(result.violations).toMatchObject([
        { kind: 'libvirt-callback', script: 'network', command: 'virsh', message: "network ran virsh net-info lvo-iso: this deadlocks a real libvirtd (libvirt runs hooks synchronously while holding the network's lock). Do the work outside the hook, or set libvirt-callbacks: allow in the scenario (libvirtCallbacks in code) if this is intended." },
        { kind: 'libvirt-callback', script: 'network.d/10-socket', command: '/run/libvirt/virtnetworkd-sock', message: expect.stringMatching(/^network.d\/10-socket connected to \/run\/libvirt\/virtnetworkd-sock: this deadlocks/) },
      ]);
    });
    await withDoubles({ network: hook('virsh-callback') }, { isolation, doubles: { libvirtCallbacks: 'allow' } }, async ({ call }) => {
      const result = await call();
      expect(stdoutOf(result)).toBe('exit=0\n');
      expect(result.violations).toEqual([]);
      expect(result.commands).toMatchObject([{ command: 'virsh', argv: ['net-info', 'lvo-iso'] }]);
    });
  });

  it('keeps concurrent calls and parallel commands apart, each answered and recorded once', async () => {
    const hooks = { network: script('#!/bin/sh\niptables -N "$1" & iptables -N "$1-b" & iptables -N "$1-c" & wait\necho done\n') };
    await withDoubles(hooks, { isolation, concurrency: 3, doubles: { doubles: { iptables: { replies: [{ matches: '-b$', exit: 2 }] } } } }, async ({ runner }) => {
      const results = await Promise.all(['a', 'b', 'c'].map((object) => runner.run({ driver: 'network', object, op: 'start', subop: 'begin', extra: '-', stdin: null, filter: false })));
      results.forEach((result, i) => {
        const object = ['a', 'b', 'c'][i]!;
        expect(result.commands?.map((c) => c.argv[1]).sort()).toEqual([object, `${object}-b`, `${object}-c`]);
        expect(result.commands?.find((c) => c.argv[1] === `${object}-b`)?.reply.exitCode).toBe(2);
      });
    });
  });

  it('spies on logger by default, and runs no double when the runner has none', async () => {
    await withDoubles({ network: hook('logger-message'), qemu: script('#!/bin/sh\necho "argv0=$0"\n') }, { isolation, doubles: {} }, async ({ call, sandbox }) => {
      const result = await call();
      expect(result.commands).toMatchObject([{ command: 'logger', argv: ['-t', 'virthook-test', 'network lvo-iso start begin'], outcome: 'double' }]);
      const plain = await call({ driver: 'qemu' }, { doubles: null });
      expect(stdoutOf(plain)).toBe(`argv0=${sandbox.hooksDir}/qemu\n`);
      expect(plain).not.toHaveProperty('commands');
      expect(plain.scripts[0]).not.toHaveProperty('interception');
    });
  });
});
