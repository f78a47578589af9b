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

// >= 1,000 malformed network and domain definitions (tag and attribute typos, nasty values,
// 200 KB texts, 600-deep nesting, stray markup and entities, blind text edits of real
// definitions) through parseNetworkXml / parseDomainXml. Each must parse or throw a VirthookError
// naming the file with a line for every problem (the test's timeout catches a hang). NUM_RUNS keeps the file near
// 5 s on an idle 2-CPU machine (a parse is 2-7 ms; 600-deep documents cost ~50 ms).
const NUM_RUNS = { network: 600, domain: 400 };
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

  it(`parses or throws a located VirthookError for ${NUM_RUNS[kind]} mutations`, () => {
    const seen = { parsed: 0, rejected: 0 };
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
      { numRuns: NUM_RUNS[kind], seed: FUZZ_SEED },
    );
    expect(seen.rejected).toBeGreaterThan(NUM_RUNS[kind] / 2);
    expect(seen.parsed + seen.rejected).toBe(NUM_RUNS[kind]);
  }, 120_000);
});
