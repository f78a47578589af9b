import { describe, expect, it } from 'vitest';
import { libvirtRangeError, matchesLibvirtRange } from '../../src/scenario/libvirt-range.js';

describe('libvirt release ranges', () => {
  it('compares releases numerically, with all space-separated comparators and any || alternative', () => {
    const releases = ['5.4', '9.0', '9.0.1', '10.7', '10.8', '11.3'];
    const matching = (range: string) => releases.filter((r) => matchesLibvirtRange(range, r));
    expect(matching('<10.8')).toEqual(['5.4', '9.0', '9.0.1', '10.7']);
    expect(matching('>=10.8')).toEqual(['10.8', '11.3']);
    expect(matching('>=9.0 <10.8')).toEqual(['9.0', '9.0.1', '10.7']);
    expect(matching('>9.0 <=10.8')).toEqual(['9.0.1', '10.7', '10.8']);
    expect(matching('5.4 || >=11')).toEqual(['5.4', '11.3']);
  });

  it('reads a bare version as every release it is a prefix of', () => {
    expect(['9', '9.0', '9.0.0', '9.0.1', '9.1', '10.0'].filter((r) => matchesLibvirtRange('9.0', r))).toEqual(['9', '9.0', '9.0.0', '9.0.1']);
    expect(['9.0', '9.5', '10.0'].filter((r) => matchesLibvirtRange('=9', r))).toEqual(['9.0', '9.5']);
  });

  it('explains what is not a range', () => {
    expect(libvirtRangeError('>=10.8')).toBeNull();
    expect(libvirtRangeError('=> 10.8')).toBe('"=>" is not a release comparison; write e.g. "9.0", ">=10.8" or "<10.8"');
    expect(libvirtRangeError('9.0 ||')).toMatch(/has an empty alternative/);
    expect(libvirtRangeError('v9')).toMatch(/"v9" is not a release comparison/);
  });
});
