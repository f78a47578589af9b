import { describe, expect, it } from 'vitest';
import { didYouMean } from '../../src/scenario/did-you-mean.js';
import { formatPath } from '../../src/scenario/format-path.js';

describe('didYouMean', () => {
  const verbs = ['net-define', 'net-create', 'net-start', 'net-destroy', 'net-undefine'];

  it('finds swapped, missing, extra and wrong letters', () => {
    expect(didYouMean('net-strat', verbs)).toBe('net-start');
    expect(didYouMean('net-destory', verbs)).toBe('net-destroy');
    expect(didYouMean('net-undefin', verbs)).toBe('net-undefine');
    expect(didYouMean('NET-START', verbs)).toBe('net-start');
  });

  it('suggests nothing for words that are too far off', () => {
    expect(didYouMean('start', verbs)).toBeNull();
    expect(didYouMean('x', ['ok'])).toBeNull();
  });
});

describe('formatPath', () => {
  it('writes paths as users read them', () => {
    expect(formatPath(['steps', 2, 'net-start'])).toBe('steps[2].net-start');
    expect(formatPath(['expect', 'calls', 0, 'stdin', 'xpath', '/hookData/network'])).toBe('expect.calls[0].stdin.xpath["/hookData/network"]');
  });
});
