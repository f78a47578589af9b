import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyNetworkUpdate } from '../../src/model/apply-network-update.js';
import { formatNetwork } from '../../src/xml/format-network.js';
import { parseNetworkXml } from '../../src/xml/parse-network.js';
import type { UpdateCommand, UpdateSection } from '../../src/xml/update-network-section.js';

// Each case was run by a real libvirt 9.0.0 (fixtures/xml/capture-update-cases.sh): virsh's
// error after `error: `, or the updated definition as net-dumpxml printed it.
const DIR = fileURLToPath(new URL('../../fixtures/xml/update/', import.meta.url));
interface Case {
  readonly command: UpdateCommand;
  readonly section: UpdateSection;
  readonly parentIndex: number;
  readonly xml: string;
  readonly error?: string;
  readonly result?: string;
}
const cases = JSON.parse(readFileSync(`${DIR}cases.json`, 'utf8')) as Case[];
const base = parseNetworkXml(readFileSync(`${DIR}base.xml`, 'utf8'), 'base.xml');

describe('applyNetworkUpdate follows virNetworkObjUpdate (libvirt 9.0)', () => {
  it.each(cases.map((c) => [`${c.command} ${c.section} ${c.xml}`, c] as const))('%s', (_, c) => {
    const outcome = applyNetworkUpdate(base, { command: c.command, section: c.section, xml: c.xml, parentIndex: c.parentIndex });
    if (c.error !== undefined) expect(outcome).toEqual({ ok: false, error: c.error });
    else expect(outcome.ok && formatNetwork(outcome.def)).toBe(c.result);
  });

  it('leaves the definition it was given untouched', () => {
    const before = formatNetwork(base);
    applyNetworkUpdate(base, { command: 'add', section: 'ip-dhcp-host', xml: "<host mac='52:54:00:00:00:09' ip='192.168.170.90'/>", parentIndex: -1 });
    expect(formatNetwork(base)).toBe(before);
  });

  it('reports malformed update XML as libxml2 would, by line', () => {
    const outcome = applyNetworkUpdate(base, { command: 'add', section: 'dns-txt', xml: "<txt name='a' value='b'>", parentIndex: -1 });
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error).toMatch(/^at line 1: /);
  });
});
