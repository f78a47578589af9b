import { describe, expect, it } from 'vitest';
import '../../src/vitest.js';
import { runFirewall, useFirewallRun } from './firewall-session.js';

const run = useFirewallRun();

describe('toHaveRunCommand', () => {
  it('passes on a call with the given argv, pattern, stdin, environment, cwd, script and count', () => {
    const { start, destroy } = run;
    expect(start).toHaveRunCommand('iptables');
    expect(start).toHaveRunCommand('iptables', { argv: ['-t', 'nat', '-A', 'POSTROUTING', '-s', '198.51.100.0/24', '-j', 'MASQUERADE'], times: 1 });
    expect(start).toHaveRunCommand('iptables', { matches: '-A POSTROUTING', script: 'network' });
    expect(start).toHaveRunCommand('nft', { argv: ['-f', '-'], stdin: /^table ip lab \{/ });
    expect(start).toHaveRunCommand('nft', { stdin: 'table ip lab {\n  chain post { type nat hook postrouting priority 100; }\n}\n' });
    expect(start).toHaveRunCommand('nft', { stdin: { contains: 'hook postrouting' } });
    expect(start).toHaveRunCommand('ip', { argv: ['link', 'set', 'virbr-lab', 'up'], env: { HOOK_ZONE: 'lab', LC_ALL: /^C$/, PATH: { contains: '/usr/sbin' }, HOOK_DEBUG: null }, cwd: '/tmp' });
    expect(start).toHaveRunCommand('logger', { matches: /started lab-nat$/ });
    expect([start, destroy]).toHaveRunCommand('iptables', { times: 2 });
    // A hook call (CallResult) of the step: the `started` one.
    expect(start.calls[1]!).toHaveRunCommand('iptables', { matches: '-A' });
  });

  it('.not: never called (with these fields), or not that many times', () => {
    const { start, destroy } = run;
    expect(start).not.toHaveRunCommand('virsh');
    expect(start).not.toHaveRunCommand('iptables', { matches: '-D ' });
    expect(destroy).not.toHaveRunCommand('nft');
    expect(start).not.toHaveRunCommand('ip', { env: { HOOK_ZONE: 'wan' } });
    expect(start).not.toHaveRunCommand('iptables', { times: 2 });
    expect(start).not.toHaveRunCommand('/usr/sbin/iptables-legacy');
  });

  it('fails saying why the calls of that command do not match, with a diff', () => {
    const { start } = run;
    expect(() => expect(start).toHaveRunCommand('iptables', { argv: ['-t', 'nat', '-A', 'POSTROUTING', '-s', '10.0.0.0/8', '-j', 'MASQUERADE'] })).toThrow([
      'expected iptables -t nat -A POSTROUTING -s 10.0.0.0/8 -j MASQUERADE to be called, but iptables was called 1 time otherwise',
      'why the calls of iptables do not match:',
      '  iptables -t nat -A POSTROUTING -s 198.51.100.0/24 -j MASQUERADE (from network): its arguments are ["-t","nat","-A","POSTROUTING","-s","198.51.100.0/24","-j","MASQUERADE"], expected ["-t","nat","-A","POSTROUTING","-s","10.0.0.0/8","-j","MASQUERADE"]',
      '--- expected',
      '+++ received',
      '@@ -1,1 +1,1 @@',
      '-iptables -t nat -A POSTROUTING -s 10.0.0.0/8 -j MASQUERADE',
      '+iptables -t nat -A POSTROUTING -s 198.51.100.0/24 -j MASQUERADE',
      'commands that ran:',
      '  iptables -t nat -A POSTROUTING -s 198.51.100.0/24 -j MASQUERADE (from network, exit 0)',
      '  nft -f - (from network, exit 0)',
      '  ip link set virbr-lab up (from network, exit 0)',
      "  logger -t fw 'started lab-nat' (from network, exit 0)",
    ].join('\n'));
    expect(() => expect(start).toHaveRunCommand('nft', { stdin: 'table ip lab {\n}\n' })).toThrow(/--- expected stdin\n\+\+\+ received stdin\n@@ -1,3 \+1,4 @@\n table ip lab \{\n\+  chain post/);
    expect(() => expect(start).toHaveRunCommand('ip', { env: { HOOK_ZONE: 'wan' }, cwd: '/' })).toThrow(
      /ip link set virbr-lab up \(from network\): its environment has HOOK_ZONE="lab", expected "wan"; it ran in \/tmp, not \//,
    );
    expect(() => expect(start).toHaveRunCommand('virsh')).toThrow(/^expected virsh to be called, but virsh was never called\ncommands that ran:\n {2}iptables/);
    expect(() => expect(start).toHaveRunCommand('iptables', { times: 3 })).toThrow(/^expected iptables to be called 3 times, it was called 1 time\nmatching calls:\n {2}iptables -t nat -A/);
  });

  it('.not fails listing the calls that matched', () => {
    expect(() => expect(run.start).not.toHaveRunCommand('iptables')).toThrow('expected iptables not to be called, but it was called 1 time:\n  iptables -t nat -A POSTROUTING -s 198.51.100.0/24 -j MASQUERADE (from network, exit 0)');
    expect(() => expect(run.destroy).not.toHaveRunCommand('systemctl')).toThrow('expected systemctl not to be called, but it was called 1 time:\n  systemctl restart dnsmasq (from network, refused: strict mode)');
  });

  it('refuses what it cannot read, and bad fields, with a TypeError', () => {
    // @ts-expect-error a Session keeps no command calls
    expect(() => expect(run.session).toHaveRunCommand('iptables')).toThrow(new TypeError('toHaveRunCommand expects a SessionStep (what session.run returns), a list of them, or a runner CallResult; received a Session, which keeps no command calls: use the SessionStep that session.run returned'));
    // @ts-expect-error argvs is not a field
    expect(() => expect(run.start).toHaveRunCommand('iptables', { argvs: [] })).toThrow(/toHaveRunCommand: argvs is not a field here \(known: argv, matches, stdin, env, cwd, script, times\)/);
    expect(() => expect(run.start).toHaveRunCommand('iptables', { times: -1 })).toThrow(/times must be a non-negative integer, got -1/);
  });
});

describe('toHaveRunCommand on hook calls that ran without doubles', () => {
  it('fails either way, since the commands were not seen', async () => {
    const plain = await runFirewall({ doubles: false, daemonEnv: [['PATH', '/nonexistent']] });
    try {
      const message = 'toHaveRunCommand: 2 hook calls ran without command doubles, so the commands they ran were not seen.';
      expect(() => expect(plain.start).toHaveRunCommand('iptables')).toThrow(message);
      expect(() => expect(plain.start).not.toHaveRunCommand('iptables')).toThrow(message);
    } finally {
      await plain.dispose();
    }
  });
});
