import { Volume } from 'memfs';
import { describe, expect, it } from 'vitest';
import { VirthookError } from '../../src/errors/virthook-error.js';
import { didYouMean } from '../../src/scenario/did-you-mean.js';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import type { ScenarioFs } from '../../src/scenario/scenario-fs.js';
import { parseDomainXml } from '../../src/xml/parse-domain.js';
import { parseNetworkXml } from '../../src/xml/parse-network.js';

// The bugs the fuzz specs found, each reduced to its smallest reproduction.

function thrown(run: () => unknown): VirthookError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(VirthookError);
    return error as VirthookError;
  }
  throw new Error('expected a VirthookError, nothing was thrown');
}

async function scenarioError(text: string): Promise<VirthookError> {
  const vol = Volume.fromJSON({ '/repo/hooks/network': '#!/bin/sh\n', '/repo/s.yaml': text });
  vol.chmodSync('/repo/hooks/network', 0o755);
  const fs = vol.promises as unknown as ScenarioFs;
  const error = await loadScenario('s.yaml', { cwd: '/repo', fs }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(VirthookError);
  return error as VirthookError;
}

describe('fuzz findings', () => {
  it('a 100 KB misspelled value gets no suggestion and a located problem: did-you-mean skips hopeless candidates', async () => {
    expect(didYouMean('x'.repeat(1_000_000), ['start', 'started', 'stopped'])).toBeNull();
    const error = await scenarioError(`hooks: hooks\nsteps:\n  - net-start: n\n    expect: { calls: [{ op: ${'x'.repeat(100_000)} }] }\n`);
    expect(error.problems.map((p) => [p.line, p.path])).toEqual([[4, 'steps[0].expect.calls[0].op']]);
    // Close misspellings still get their suggestion.
    expect(didYouMean('strated', ['start', 'started', 'stopped'])).toBe('started');
  });

  it('a YAML alias bomb is a located SCENARIO_INVALID, not a ReferenceError from the yaml package', async () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const name of 'bcdefghi') levels.push(`${name}: &${name} [${Array(9).fill(`*${String.fromCharCode(name.charCodeAt(0) - 1)}`).join(', ')}]`);
    const error = await scenarioError(`${levels.join('\n')}\nhooks: hooks\nsteps: []\n`);
    expect(error.code).toBe('SCENARIO_INVALID');
    expect(error.problems).toEqual([{ file: 's.yaml', line: 2, column: 8, message: expect.stringMatching(/alias/i) }]);
  });

  it('a domain without <os> is libvirt\'s "an os <type> must be specified" at <domain>, not a TypeError', () => {
    const error = thrown(() => parseDomainXml("<domain type='kvm'>\n  <name>x</name>\n  <memory>65536</memory>\n</domain>\n", 'd.xml'));
    expect(error.code).toBe('XML_INVALID_VALUE');
    expect(error.problems).toEqual([{ file: 'd.xml', line: 1, column: 1, message: expect.stringContaining('an os <type> must be specified') }]);
  });

  it('nesting deeper than libxml2\'s 256 levels is refused as libxml2 does, never a RangeError', () => {
    const nested = (depth: number) => `<network>\n<name>n</name>${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}</network>`;
    // 256 levels below the root are read (and <a> is then an unknown element); 257 are not.
    expect(thrown(() => parseNetworkXml(nested(256), 'n.xml')).code).toBe('XML_UNKNOWN_ELEMENT');
    for (const depth of [257, 5_000]) {
      const error = thrown(() => parseNetworkXml(nested(depth), 'n.xml'));
      expect(error.code).toBe('XML_MALFORMED');
      expect(error.problems).toEqual([{ file: 'n.xml', line: 2, column: 15 + 3 * 256, message: 'Excessive depth in document: 256 use XML_PARSE_HUGE option' }]);
    }
  });

  it('a document without a root element names the line where it ends', () => {
    expect(thrown(() => parseNetworkXml('', 'e.xml')).problems).toEqual([{ file: 'e.xml', line: 1, column: 1, message: 'missing root element' }]);
    expect(thrown(() => parseNetworkXml('\n\n', 'e.xml')).problems).toEqual([{ file: 'e.xml', line: 3, column: 1, message: 'missing root element' }]);
    // Where xmldom knows a place, its own line stands.
    expect(thrown(() => parseNetworkXml('<!-- nothing -->\n\n', 'e.xml')).problems).toEqual([{ file: 'e.xml', line: expect.any(Number), column: expect.any(Number), message: 'missing root element' }]);
  });

  it('content before the root element is located even before xmldom has a position', () => {
    for (const [text, line, column] of [['!<network/>', 1, 1], ['\n\n  x<network/>', 3, 3], ['\u00a0<network/>', 1, 1]] as const) {
      const error = thrown(() => parseNetworkXml(text, 'n.xml'));
      expect(error.problems[0]).toMatchObject({ file: 'n.xml', line, column });
    }
  });
});
