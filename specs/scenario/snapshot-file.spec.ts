import { describe, expect, it } from 'vitest';
import { snapshotPath, snapshotSection, updateSnapshotText } from '../../src/scenario/snapshot-file.js';

describe('snapshot files', () => {
  it('sit next to the scenario as NAME.snap, or where expect.snapshot says', () => {
    expect(snapshotPath('/repo/scenarios/nat.yaml', true)).toBe('/repo/scenarios/nat.snap');
    expect(snapshotPath('/repo/scenarios/nat.yaml', '../snaps/nat.txt')).toBe('/repo/snaps/nat.txt');
  });

  it('hold one section per release in release order, and an update keeps the releases it did not run', () => {
    const first = updateSnapshotText(null, new Map([['11.3', '$ net-start a\n  b\n'], ['9.0', '$ net-start a\n']]), 'scenarios/a.yaml');
    expect(first).toBe(
      [
        '# virthook transcript snapshot of scenarios/a.yaml: argv, stdin and virsh output of every step, per libvirt release.',
        '# Written by `virthook run --update`; every run is compared with it. Review changes before committing.',
        '',
        '== libvirt 9.0 ==',
        '$ net-start a',
        '',
        '== libvirt 11.3 ==',
        '$ net-start a',
        '  b',
        '',
      ].join('\n'),
    );
    expect(snapshotSection(first, '9.0')).toBe('$ net-start a\n');
    expect(snapshotSection(first, '11.3')).toBe('$ net-start a\n  b\n');
    expect(snapshotSection(first, '10.0')).toBeNull();
    expect(snapshotSection(null, '9.0')).toBeNull();
    const second = updateSnapshotText(first, new Map([['9.0', '$ changed\n']]), 'scenarios/a.yaml');
    expect([snapshotSection(second, '9.0'), snapshotSection(second, '11.3')]).toEqual(['$ changed\n', '$ net-start a\n  b\n']);
  });
});
