import { describe, expect, it } from 'vitest';
import '../../src/vitest.js';
import { useFirewallRun } from './firewall-session.js';

const run = useFirewallRun();

describe('toHaveRunCommandsInOrder', () => {
  it('passes when the calls ran in this order, others between, within a step or across steps', () => {
    const { start, destroy } = run;
    expect(start).toHaveRunCommandsInOrder(['iptables', 'nft', 'logger']);
    expect(start).toHaveRunCommandsInOrder([{ command: 'nft', stdin: /table ip lab/ }, { command: 'ip', cwd: '/tmp', env: { HOOK_ZONE: 'lab' } }]);
    expect([start, destroy]).toHaveRunCommandsInOrder([{ command: 'iptables', matches: '-A ' }, 'logger', { command: 'iptables', matches: /-D / }, 'virsh']);
    expect([start, destroy]).not.toHaveRunCommandsInOrder([{ command: 'iptables', matches: '-D ' }, { command: 'iptables', matches: '-A ' }]);
  });

  it('fails with a diff of the expected order against the calls of those commands', () => {
    expect(() => expect([run.start, run.destroy]).toHaveRunCommandsInOrder([{ command: 'iptables', matches: '-D' }, 'nft', { command: 'iptables', matches: '-A' }])).toThrow([
      'nft was called, but not after iptables /-D/ (out of order)',
      '--- expected order',
      '+++ received (calls of these commands)',
      '@@ -1,3 +1,3 @@',
      '-iptables /-D/',
      '-nft',
      ' iptables /-A/',
      '+nft',
      '+iptables /-D/',
      'commands that ran:',
    ].join('\n'));
    expect(() => expect(run.start).toHaveRunCommandsInOrder(['iptables', 'tc'])).toThrow(/^expected tc to be called, but tc was never called\n/);
    expect(() => expect(run.start).not.toHaveRunCommandsInOrder(['iptables', 'nft'])).toThrow(/^expected the commands not to run in the order iptables, then nft, but they did:\n {2}iptables -t nat -A/);
  });

  it('refuses an empty list, counts and unknown fields with a TypeError', () => {
    expect(() => expect(run.start).toHaveRunCommandsInOrder([])).toThrow(TypeError);
    // @ts-expect-error times is not an order pattern field (toHaveRunCommand counts)
    expect(() => expect(run.start).toHaveRunCommandsInOrder([{ command: 'iptables', times: 1 }])).toThrow(/times is not a field here/);
    // @ts-expect-error a Session keeps no command calls
    expect(() => expect(run.session).toHaveRunCommandsInOrder(['iptables'])).toThrow(/received a Session, which keeps no command calls/);
  });
});
