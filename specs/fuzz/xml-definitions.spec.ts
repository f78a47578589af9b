import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDomainXml } from '../../src/xml/parse-domain.js';
import { parseNetworkXml } from '../../src/xml/parse-network.js';
import { expectLocatedError } from './expect-located-error.js';
import { FUZZ_SEED } from './fuzz-seed.js';
import { renderXmlMutation, xmlMutation } from './xml-mutation.js';

// Mutated network and domain definitions (tag and attribute typos, nasty values, 200 KB texts,
// 600-deep nesting, stray markup and entities, blind text edits of real definitions) through
// parseNetworkXml / parseDomainXml, until at least REJECTED of each kind were rejected: each must
// parse or throw a VirthookError naming the file with a line for every problem (the test's
// timeout catches a hang). Some mutations stay valid, so a round of FIRST_RUNS on the fixed seed
// is followed by more rounds (seed + 1, + 2 ...) only while rejections are short of it: ~10 s on
// an idle 2-CPU machine (a parse is 2-7 ms; 600-deep documents cost ~50 ms).
const REJECTED = 1_000;
const FIRST_RUNS = { network: 1_150, domain: 1_400 };
const MAX_ROUNDS = 6;
const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const xmlFiles = (dir: string, keep: (name: string) => boolean) =>
  readdirSync(join(FIXTURES, dir)).filter((n) => n.endsWith('.xml') && keep(n)).map((n) => readFileSync(join(FIXTURES, dir, n), 'utf8'));

const SEEDS = {
  network: [
    ...xmlFiles('oracle/xml', (n) => n.startsWith('net-')),
    ...xmlFiles('xml/rich', (n) => !n.endsWith('.expected.xml')),
    ...xmlFiles('xml/libvirt-tests/in', () => true),
  ],
  domain: xmlFiles('oracle/xml', (n) => n.startsWith('dom-')),
};
const PARSERS = { network: parseNetworkXml, domain: parseDomainXml };

describe.each(['network', 'domain'] as const)('malformed %s definitions never crash the parser', (kind) => {
  const file = `definitions/${kind}-under-test.xml`;

  it('has valid seeds that parse', () => {
    const parsed = SEEDS[kind].map((text) => {
      try {
        PARSERS[kind](text, file);
        return true;
      } catch {
        return false;
      }
    });
    // libvirt's own test inputs include a few definitions it refuses; most parse.
    expect(parsed.filter(Boolean).length).toBeGreaterThanOrEqual(Math.ceil(SEEDS[kind].length * 0.8));
  });

  it(`rejects at least ${REJECTED} mutations, each with a located VirthookError (the others parse)`, () => {
    const seen = { parsed: 0, rejected: 0 };
    let runs = 0;
    for (let round = 0; round < MAX_ROUNDS && seen.rejected < REJECTED; round += 1) {
      // Later rounds ask for what is missing, at the rate seen so far, plus a margin.
      const numRuns = round === 0 ? FIRST_RUNS[kind] : Math.ceil(((REJECTED - seen.rejected) * runs) / Math.max(seen.rejected, 1) * 1.2) + 10;
      runs += numRuns;
      fc.assert(
        fc.property(xmlMutation(SEEDS[kind].length), (mutation) => {
          const text = renderXmlMutation(SEEDS[kind], mutation);
          let outcome: unknown = null;
          try {
            PARSERS[kind](text, file);
          } catch (error) {
            outcome = error ?? 'threw nothing';
          }
          if (outcome === null) {
            seen.parsed += 1;
            return;
          }
          seen.rejected += 1;
          expectLocatedError(outcome, [file]);
          for (const problem of (outcome as { problems: readonly { file: string; line?: number }[] }).problems) {
            expect([problem.file, typeof problem.line]).toEqual([file, 'number']);
          }
        }),
        { numRuns, seed: FUZZ_SEED + round },
      );
    }
    expect(seen.rejected).toBeGreaterThanOrEqual(REJECTED);
    // Every generated definition was checked, and both paths are exercised (some mutations stay valid).
    expect(seen.parsed + seen.rejected).toBe(runs);
    expect(seen.parsed).toBeGreaterThan(0);
  }, 180_000);
});
