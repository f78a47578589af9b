import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { VirthookError } from '../../src/errors/virthook-error.js';
import { parseNetworkXml } from '../../src/xml/parse-network.js';

// Each definition was refused by a real libvirt 9.0.0 (fixtures/xml/capture-invalid-cases.sh);
// `error` is what virsh printed after `error: `.
const DIR = fileURLToPath(new URL('../../fixtures/xml/invalid/', import.meta.url));
const cases = JSON.parse(readFileSync(`${DIR}cases.json`, 'utf8')) as { name: string; xml: string; error: string }[];

describe('values libvirt 9.0 refuses are refused with its own message', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    let thrown: unknown;
    try {
      parseNetworkXml(c.xml, `${c.name}.xml`);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(VirthookError);
    const error = thrown as VirthookError;
    expect(error.code).toBe('XML_INVALID_VALUE');
    expect(error.problems[0]).toMatchObject({ file: `${c.name}.xml`, line: expect.any(Number), message: c.error });
  });
});
