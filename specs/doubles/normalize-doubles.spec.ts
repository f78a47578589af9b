import { describe, expect, it } from 'vitest';
import { LIBVIRT_CALLBACK_REPLY } from '../../src/doubles/violation-messages.js';
import { normalizeDoubles } from '../../src/doubles/normalize-doubles.js';

describe('normalizeDoubles', () => {
  it('applies the defaults: virsh flagged as a libvirt callback, logger spied on, not strict', () => {
    const { config, problems } = normalizeDoubles(undefined);
    expect(problems).toEqual([]);
    expect(config).toEqual({
      commands: [
        { command: 'virsh', replies: [{ reply: LIBVIRT_CALLBACK_REPLY }], libvirtClient: true },
        { command: 'logger', replies: [], libvirtClient: false },
      ],
      strict: false,
      allow: [],
      libvirtCallbacks: 'flag',
    });
  });

  it('reads replies (argv, regex, times), sequences (one call each), spies and turned-off built-ins', () => {
    const { config, problems } = normalizeDoubles({
      doubles: {
        iptables: { replies: [{ argv: ['-C', 'X'], exit: 1, stderr: 'no\n' }, { matches: '^-A', times: 2, stdout: 'ok\n' }], sequence: [{ exit: 3 }] },
        '/usr/sbin/ip': null,
        nft: true,
        virsh: false,
        'virt-admin': {},
      },
      strict: true,
      allow: ['ethtool'],
      libvirtCallbacks: 'allow',
    });
    expect(problems).toEqual([]);
    expect(config.strict).toBe(true);
    expect(config.allow).toEqual(['ethtool']);
    expect(config.commands.map((c) => c.command)).toEqual(['logger', 'iptables', '/usr/sbin/ip', 'nft', 'virt-admin']);
    expect(config.commands[1]?.replies).toEqual([
      { argv: ['-C', 'X'], reply: { stdout: '', stderr: 'no\n', exitCode: 1 } },
      { matches: '^-A', times: 2, reply: { stdout: 'ok\n', stderr: '', exitCode: 0 } },
      { times: 1, reply: { stdout: '', stderr: '', exitCode: 3 } },
    ]);
    // A libvirt client is one whatever the scenario says about its replies.
    expect(config.commands[4]?.libvirtClient).toBe(true);
  });

  it('lists every problem with its path, where the scenario wrote it', () => {
    const { problems } = normalizeDoubles({
      doubles: {
        'bin/iptables': {},
        iptables: { replies: [{ argv: ['--dport', 8080], exit: 256, matches: '(' }, { stdout: 1, times: 0 }], sequence: [{ argv: [] }], extra: 1 },
        nft: 'yes',
      },
      strict: 'yes',
      allow: ['/sbin/ip'],
      libvirtCallbacks: 'ignore',
      strictt: true,
    }, { file: 'lab.yaml', path: 'steps[1]' });
    expect(problems.map((p) => p.path)).toEqual([
      'steps[1].strictt', 'steps[1].strict', 'steps[1].libvirtCallbacks', 'steps[1].allow',
      'steps[1].doubles["bin/iptables"]',
      'steps[1].doubles.iptables.extra',
      'steps[1].doubles.iptables.replies[0].exit', 'steps[1].doubles.iptables.replies[0].argv', 'steps[1].doubles.iptables.replies[0].matches',
      'steps[1].doubles.iptables.replies[1].stdout', 'steps[1].doubles.iptables.replies[1].times',
      'steps[1].doubles.iptables.sequence[0].argv',
      'steps[1].doubles.nft',
    ]);
    expect(problems.every((p) => p.file === 'lab.yaml' && p.message.startsWith(p.path!))).toBe(true);
    expect(problems.find((p) => p.path?.endsWith('replies[0].argv'))?.message).toContain("quote numbers: '8080'");
  });

  it('writes paths of absolute-path doubles as YAML keys read', () => {
    const { problems } = normalizeDoubles({ doubles: { '/usr/sbin/ip': { replies: [{ exit: 'one' }] }, '/usr/../sbin/nft': {} } });
    expect(problems.map((p) => p.path)).toEqual(['doubles["/usr/sbin/ip"].replies[0].exit', 'doubles["/usr/../sbin/nft"]']);
  });

  it('says when a reply can never answer because an earlier one answers everything', () => {
    const { problems } = normalizeDoubles({ doubles: { iptables: { replies: [{ exit: 0 }], sequence: [{ exit: 1 }] } } });
    expect(problems).toMatchObject([{ path: 'doubles.iptables', message: expect.stringContaining('replies[0] has no argv, matches or times, so it answers every call') }]);
  });
});
