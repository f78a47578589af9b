import { describe, expect, it } from 'vitest';
import { chooseReply, DEFAULT_REPLY, ruleMatches } from '../../src/doubles/choose-reply.js';
import { createCommandDoubles } from '../../src/doubles/command-doubles.js';
import type { CommandDouble } from '../../src/doubles/doubles-config.js';
import { mergeDoublesOptions } from '../../src/doubles/merge-doubles-options.js';

const reply = (exitCode: number) => ({ stdout: '', stderr: '', exitCode });

describe('chooseReply', () => {
  const double: CommandDouble = {
    command: 'iptables',
    libvirtClient: false,
    replies: [
      { argv: ['-t', 'nat', '-C', 'X'], reply: reply(1) },
      { matches: '^-t nat -A ', times: 1, reply: reply(2) },
      { times: 2, reply: reply(3) },
    ],
  };

  it('takes the first rule that matches and is not used up, else exit 0 with no output', () => {
    expect(chooseReply(double, ['-t', 'nat', '-C', 'X'], [])).toEqual({ reply: reply(1), rule: 0 });
    expect(chooseReply(double, ['-t', 'nat', '-C', 'X', 'more'], [])).toEqual({ reply: reply(3), rule: 2 });
    expect(chooseReply(double, ['-t', 'nat', '-A', 'X'], [])).toEqual({ reply: reply(2), rule: 1 });
    expect(chooseReply(double, ['-t', 'nat', '-A', 'X'], [0, 1])).toEqual({ reply: reply(3), rule: 2 });
    expect(chooseReply(double, ['-L'], [0, 1, 2])).toEqual({ reply: DEFAULT_REPLY, rule: null });
  });

  it('matches argv exactly (empty strings included) and regexes against the arguments joined by spaces', () => {
    expect(ruleMatches({ argv: ['a', ''], reply: reply(0) }, ['a', ''])).toBe(true);
    expect(ruleMatches({ argv: ['a', ''], reply: reply(0) }, ['a'])).toBe(false);
    expect(ruleMatches({ matches: 'dport 80$', reply: reply(0) }, ['--dport', '80'])).toBe(true);
    expect(ruleMatches({ argv: ['x'], matches: 'y', reply: reply(0) }, ['x'])).toBe(false);
  });
});

describe('createCommandDoubles', () => {
  it('counts uses across calls, per double, so sequences continue while the object is reused', () => {
    const doubles = createCommandDoubles({ doubles: { iptables: { sequence: [{ exit: 1 }, { exit: 2 }] }, nft: { sequence: [{ exit: 7 }] } } });
    const [iptables, nft] = ['iptables', 'nft'].map((name) => doubles.config.commands.find((c) => c.command === name)!);
    expect([1, 2, 3].map(() => doubles.answer(iptables!, []).reply.exitCode)).toEqual([1, 2, 0]);
    expect(doubles.answer(nft!, []).reply.exitCode).toBe(7);
    expect(createCommandDoubles(doubles.config).answer(iptables!, []).reply.exitCode).toBe(1);
  });

  it('continues the counters of another set for every double defined the same way, and restarts redefined ones', () => {
    const run = createCommandDoubles({ doubles: { iptables: { sequence: [{ exit: 1 }, { exit: 2 }, { exit: 3 }] }, nft: { sequence: [{ exit: 7 }, { exit: 8 }] } } });
    const pick = (doubles: typeof run, name: string) => doubles.config.commands.find((c) => c.command === name)!;
    expect(run.answer(pick(run, 'iptables'), []).reply.exitCode).toBe(1);
    expect(run.answer(pick(run, 'nft'), []).reply.exitCode).toBe(7);
    const step = createCommandDoubles(mergeDoublesOptions({ doubles: { iptables: { sequence: [{ exit: 1 }, { exit: 2 }, { exit: 3 }] }, nft: { sequence: [{ exit: 7 }, { exit: 8 }] } } }, { strict: true, doubles: { nft: { sequence: [{ exit: 9 }] } } }), run);
    expect(step.config.strict).toBe(true);
    expect(step.answer(pick(step, 'iptables'), []).reply.exitCode).toBe(2);
    expect(step.answer(pick(step, 'nft'), []).reply.exitCode).toBe(9);
    // The step's calls counted on the run's set: the next step goes on from there.
    expect(run.answer(pick(run, 'iptables'), []).reply.exitCode).toBe(3);
    expect(run.answer(pick(run, 'nft'), []).reply.exitCode).toBe(8);
  });

  it('throws OPTIONS_INVALID listing every problem', () => {
    expect(() => createCommandDoubles({ strict: 'yes' as never, doubles: { iptables: { replies: [{ exit: -1 }] } } })).toThrow(expect.objectContaining({
      code: 'OPTIONS_INVALID',
      problems: [expect.objectContaining({ path: 'strict' }), expect.objectContaining({ path: 'doubles.iptables.replies[0].exit' })],
    }));
  });
});

describe('mergeDoublesOptions', () => {
  it('lets a step replace or turn off the scenario\'s doubles, override strict and add to allow', () => {
    const scenario = { doubles: { iptables: { replies: [{ exit: 1 }] }, nft: {} }, strict: true, allow: ['ethtool'] };
    expect(mergeDoublesOptions(scenario, { doubles: { iptables: {}, nft: false }, allow: ['tc'], libvirtCallbacks: 'allow' })).toEqual({
      doubles: { iptables: {}, nft: false }, strict: true, allow: ['ethtool', 'tc'], libvirtCallbacks: 'allow',
    });
    expect(mergeDoublesOptions(undefined, { strict: false })).toEqual({ doubles: {}, strict: false, allow: [], libvirtCallbacks: 'flag' });
  });
});
