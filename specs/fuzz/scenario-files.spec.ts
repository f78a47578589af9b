import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import type { ScenarioFs } from '../../src/scenario/scenario-fs.js';
import { expectLocatedError } from './expect-located-error.js';
import { FUZZ_SEED } from './fuzz-seed.js';
import { renderMutation, scenarioMutation } from './scenario-mutation.js';
import { SCENARIO_SEEDS as SEEDS, seedRepositoryVolume } from './scenario-seeds.js';

// Mutated scenario files (structural edits of valid seeds: key and verb typos, wrong types,
// deleted and unknown keys, 1,200-deep nesting, 100 KB strings; written as YAML or JSON; then
// maybe truncated or hit by random bytes) through loadScenario on an in-memory repository, until
// at least REJECTED of them were rejected: each must load or fail with a located VirthookError
// (the test's timeout catches a hang). Some mutations stay valid, so a round of FIRST_RUNS on the
// fixed seed is followed by more rounds (seed + 1, + 2 ...) only while rejections are short of it:
// ~12 s on an idle 2-CPU machine (a load is 5-10 ms; huge and deep inputs cost more).
const REJECTED = 1_000;
const FIRST_RUNS = 1_100;
const MAX_ROUNDS = 6;

/** The in-memory repository the scenarios live in: /repo/{hooks,networks,scenarios}. */
function repository(): { fs: ScenarioFs; write(file: string, text: string): void } {
  const { vol, fs } = seedRepositoryVolume();
  return { fs, write: (file, text) => vol.writeFileSync(`/repo/${file}`, text) };
}

describe('malformed scenario files never crash loadScenario', () => {
  it('loads every seed as it is (the mutations start from valid files)', async () => {
    const repo = repository();
    for (const [i, seed] of SEEDS.entries()) {
      repo.write(`scenarios/seed-${i}.yaml`, JSON.stringify(seed));
      await expect(loadScenario(`scenarios/seed-${i}.yaml`, { cwd: '/repo', fs: repo.fs })).resolves.toMatchObject({ displayFile: `scenarios/seed-${i}.yaml` });
    }
  });

  it(`rejects at least ${REJECTED} mutations, each with a located VirthookError (the others load)`, async () => {
    const repo = repository();
    const seen = { loaded: 0, rejected: 0 };
    let runs = 0;
    for (let round = 0; round < MAX_ROUNDS && seen.rejected < REJECTED; round += 1) {
      // Later rounds ask for what is missing, at the rate seen so far, plus a margin.
      const numRuns = round === 0 ? FIRST_RUNS : Math.ceil(((REJECTED - seen.rejected) * runs) / Math.max(seen.rejected, 1) * 1.2) + 10;
      runs += numRuns;
      await fc.assert(
        fc.asyncProperty(scenarioMutation(SEEDS.length), async (mutation) => {
          const file = `scenarios/s.${mutation.format}`;
          repo.write(file, renderMutation(SEEDS, mutation));
          const outcome = await loadScenario(file, { cwd: '/repo', fs: repo.fs }).then(() => null, (error: unknown) => error ?? 'rejected with nothing');
          if (outcome === null) {
            seen.loaded += 1;
            return;
          }
          seen.rejected += 1;
          // A bad inline or referenced definition is reported in the scenario's terms (its message names the scenario).
          expectLocatedError(outcome, [file]);
        }),
        { numRuns, seed: FUZZ_SEED + round },
      );
    }
    expect(seen.rejected).toBeGreaterThanOrEqual(REJECTED);
    // Every generated file was checked, and both paths are exercised (some mutations stay valid).
    expect(seen.loaded + seen.rejected).toBe(runs);
    expect(seen.loaded).toBeGreaterThan(0);
  }, 180_000);
});
