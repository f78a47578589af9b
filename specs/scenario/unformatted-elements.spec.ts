import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/scenario/scenario.js';
import { unformattedElements } from '../../src/scenario/unformatted-elements.js';
import { parseNetworkXml } from '../../src/xml/parse-network.js';

/** A scenario defining `xml` as its first network (only the fields unformattedElements reads). */
function defining(xml: string): Scenario {
  const def = parseNetworkXml(xml, 'net.xml');
  return { displayFile: 's.yaml', steps: [{ command: { verb: 'net-define', def, file: 'net.xml' }, path: 'networks[0]', line: 3, expect: { ok: true } }] } as unknown as Scenario;
}

describe('unformattedElements', () => {
  it('names each release that leaves an element of a definition out of the hook XML, once per definition and release', () => {
    const scenario = defining("<network><name>lab</name><title>Lab</title><domain name='lab' localOnly='yes' register='yes'/></network>");
    expect(unformattedElements(scenario, ['9.0', '10.0', '10.1', '11.3'])).toEqual([
      "s.yaml:3: networks[0] (lab): libvirt 9.0 leaves <title>, <domain register='...'> out of the hook XML (formatted from 9.7 and 10.1 on)",
      "s.yaml:3: networks[0] (lab): libvirt 10.0 leaves <domain register='...'> out of the hook XML (formatted from 10.1 on)",
    ]);
  });

  it('says nothing when every release formats what the definition has', () => {
    expect(unformattedElements(defining('<network><name>plain</name></network>'), ['9.0'])).toEqual([]);
    expect(unformattedElements(defining('<network><name>t</name><description>d</description></network>'), ['9.7', '11.3'])).toEqual([]);
  });
});
