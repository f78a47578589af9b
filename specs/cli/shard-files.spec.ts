import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shardFiles } from '../../src/cli/shard-files.js';

const cwd = '/repo';

describe('shardFiles', () => {
  it('deals files out by their path relative to the checkout, whatever order they were found in', () => {
    const files = ['/repo/s/c.yaml', '/repo/s/a.yaml', '/repo/s/b/z.yaml', '/repo/s/b.yaml'];
    expect([1, 2].map((index) => shardFiles(files, cwd, { index, count: 2 }))).toEqual([
      ['/repo/s/a.yaml', '/repo/s/b/z.yaml'],
      ['/repo/s/b.yaml', '/repo/s/c.yaml'],
    ]);
    // Another checkout directory (another CI runner) splits the same way.
    const moved = files.map((f) => f.replace('/repo', '/home/runner/work'));
    expect(shardFiles(moved, '/home/runner/work', { index: 2, count: 2 })).toEqual(['/home/runner/work/s/b.yaml', '/home/runner/work/s/c.yaml']);
  });

  it('makes shards that are disjoint, complete and within one file of each other in size', () => {
    const names = fc.uniqueArray(fc.array(fc.stringMatching(/^[a-z0-9-]{1,6}$/u), { minLength: 1, maxLength: 3 }).map((parts) => `${parts.join('/')}.yaml`), { maxLength: 40 });
    fc.assert(
      fc.property(names, fc.integer({ min: 1, max: 8 }), (list, count) => {
        const files = list.map((name) => `${cwd}/${name}`);
        const shards = Array.from({ length: count }, (_, i) => shardFiles(files, cwd, { index: i + 1, count }));
        const all = shards.flat();
        expect(new Set(all).size).toBe(all.length);
        expect([...all].sort()).toEqual([...files].sort());
        const sizes = shards.map((s) => s.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        // Deterministic: the same input (in any order) gives the same shard.
        expect(shardFiles([...files].reverse(), cwd, { index: 1, count })).toEqual(shards[0]);
      }),
    );
  });
});
