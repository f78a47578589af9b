import { describe, expect, it } from 'vitest';
import { checkCommands, commandCallMismatches, countCommandCalls, describeCommandExpectation } from '../../src/doubles/check-commands.js';
import type { CommandCall } from '../../src/doubles/command-call.js';

function call(path: string, argv: string[], fields: Partial<CommandCall> = {}): CommandCall {
  return {
    script: 'network', command: path.slice(path.lastIndexOf('/') + 1), path, argv, stdin: null, env: ['LC_ALL=C'], cwd: '/',
    outcome: 'double', reply: { stdout: '', stderr: '', exitCode: 0 }, atMs: 0, ...fields,
  };
}

const CALLS = [
  call('/sbin/iptables', ['-t', 'nat', '-C', 'PREROUTING', '-j', 'DNAT'], { command: '/sbin/iptables' }),
  call('/sbin/iptables', ['-t', 'nat', '-A', 'PREROUTING', '-j', 'DNAT'], { command: '/sbin/iptables' }),
  call('/usr/local/sbin/nft', ['-f', '-'], { stdin: Buffer.from('table inet f {}\n'), script: 'network.d/10-nft' }),
  call('/usr/bin/logger', ['-t', 'hook', 'done']),
];

describe('command expectations', () => {
  it('match by name (any path) or by path, argv, regex, stdin and script', () => {
    expect(countCommandCalls(CALLS, { command: 'iptables' })).toBe(2);
    expect(countCommandCalls(CALLS, { command: '/sbin/iptables', matches: ' -A ' })).toBe(1);
    expect(countCommandCalls(CALLS, { command: '/usr/sbin/iptables' })).toBe(0);
    expect(countCommandCalls(CALLS, { command: 'nft', stdin: { contains: 'inet f' }, script: 'network.d/10-nft' })).toBe(1);
    expect(commandCallMismatches(CALLS[0]!, { command: 'iptables', argv: ['-L'], stdin: { equals: '' }, script: 'qemu' })).toEqual([
      'its arguments are ["-t","nat","-C","PREROUTING","-j","DNAT"], expected ["-L"]',
      "its stdin was not redirected (it inherited the caller's)",
      'it was run by network, not qemu',
    ]);
  });

  it('checks called-with, times and never in any order', () => {
    expect(checkCommands(CALLS, { mode: 'contains', calls: [{ command: 'logger' }, { command: 'iptables', times: 2 }, { command: 'virsh', never: true }] })).toEqual([]);
    const failures = checkCommands(CALLS, { mode: 'contains', calls: [{ command: 'iptables', argv: ['-L'] }, { command: 'iptables', times: 1 }, { command: 'nft', never: true }, { command: 'virsh' }] });
    expect(failures.map((f) => [f.path, f.message])).toEqual([
      ['commands[0]', 'expected iptables -L to be called, but iptables was called 2 times otherwise'],
      ['commands[1]', 'expected iptables to be called 1 time, it was called 2 times'],
      ['commands[2]', 'expected nft to be called 0 times, it was called 1 time'],
      ['commands[3]', 'expected virsh to be called, but virsh was never called'],
    ]);
    expect(failures[0]?.actual).toBe([
      'iptables -t nat -C PREROUTING -j DNAT (from network): its arguments are ["-t","nat","-C","PREROUTING","-j","DNAT"], expected ["-L"]',
      'iptables -t nat -A PREROUTING -j DNAT (from network): its arguments are ["-t","nat","-A","PREROUTING","-j","DNAT"], expected ["-L"]',
    ].join('\n'));
  });

  it('checks order with other calls in between, and says which call came too early', () => {
    expect(checkCommands(CALLS, { mode: 'ordered', calls: [{ command: 'iptables', matches: '-C' }, { command: 'logger' }] })).toEqual([]);
    expect(checkCommands(CALLS, { mode: 'ordered', calls: [{ command: 'nft' }, { command: 'iptables', matches: '-A' }] })).toMatchObject([
      { path: 'commands[1]', message: 'iptables /-A/ was called, but not after nft (out of order)' },
    ]);
  });

  it('checks the exact sequence of the commands the list names', () => {
    expect(checkCommands(CALLS, { mode: 'exact', calls: [{ command: 'iptables', times: 2 }, { command: 'logger' }] })).toEqual([]);
    expect(checkCommands(CALLS, { mode: 'exact', calls: [{ command: 'iptables', matches: '-A' }] })).toMatchObject([
      { path: 'commands', message: 'expected exactly 1 call of iptables in this order, got 2' },
    ]);
  });

  it('match the environment (exact, contains, regex, unset) and the working directory', () => {
    const nft = call('/usr/sbin/nft', ['-f', '-'], { env: ['LC_ALL=C', 'PATH=/usr/sbin:/usr/bin', 'HOOK_MODE=strict', 'HOOK_MODE=shadowed'], cwd: '/etc/libvirt/hooks' });
    expect(commandCallMismatches(nft, { command: 'nft', env: { LC_ALL: 'C', PATH: { contains: '/usr/sbin' }, HOOK_MODE: { matches: '^str' }, LD_PRELOAD: null }, cwd: '/etc/libvirt/hooks' })).toEqual([]);
    expect(commandCallMismatches(nft, { command: 'nft', env: { HOOK_MODE: { matches: /^STRICT$/i }, LC_ALL: /^C$/ } })).toEqual([]);
    expect(commandCallMismatches(nft, { command: 'nft', env: { HOOK_MODE: /^STRICT$/ } })).toEqual(['its environment has HOOK_MODE="strict", expected text matching /^STRICT$/']);
    expect(commandCallMismatches(nft, { command: 'nft', env: { LC_ALL: 'POSIX', HOME: '/root', PATH: null, HOOK_MODE: { matches: 'shadowed' } }, cwd: '/' })).toEqual([
      'its environment has LC_ALL="C", expected "POSIX"',
      'HOME is not in its environment',
      'its environment sets PATH="/usr/sbin:/usr/bin", expected it unset',
      'its environment has HOOK_MODE="strict", expected text matching /shadowed/',
      'it ran in /etc/libvirt/hooks, not /',
    ]);
    const failures = checkCommands([nft], { mode: 'contains', calls: [{ command: 'nft', env: { LC_ALL: 'POSIX' } }, { command: 'nft', cwd: '/etc/libvirt/hooks', times: 1 }] });
    expect(failures.map((f) => [f.path, f.message])).toEqual([['commands[0]', 'expected nft with LC_ALL=POSIX to be called, but nft was called 1 time otherwise']]);
  });

  it('take RegExp objects in code, flags kept and no lastIndex carried between calls', () => {
    const calls = [call('/sbin/iptables', ['-A', 'FORWARD']), call('/sbin/iptables', ['-a', 'forward'])];
    expect(countCommandCalls(calls, { command: 'iptables', matches: /-a forward/i })).toBe(2);
    expect(countCommandCalls(calls, { command: 'iptables', matches: /-a forward/gi })).toBe(2);
    expect(countCommandCalls(calls, { command: 'iptables', matches: '-a forward' })).toBe(1);
    expect(describeCommandExpectation({ command: 'iptables', matches: /-a/i, stdin: { matches: /x/ } })).toBe('iptables /-a/i with stdin text matching /x/');
  });

  it('describes expectations the way a command line reads', () => {
    expect(describeCommandExpectation({ command: 'iptables', argv: ['-A', 'a b'], stdin: { matches: '^\\*nat' }, script: 'network' })).toBe("iptables -A 'a b' with stdin text matching /^\\*nat/ from network");
    expect(describeCommandExpectation({ command: 'nft', env: { LC_ALL: 'C', PATH: { contains: 'sbin' }, LD_PRELOAD: null }, cwd: '/' })).toBe(
      'nft with LC_ALL=C with PATH text containing "sbin" with LD_PRELOAD unset in /',
    );
  });
});
