import { describe, expect, it } from 'vitest';
import { completeNetworkDef, networkDefineError } from '../../src/model/complete-network-def.js';
import { seededRandom } from '../../src/model/seeded-random.js';
import { formatNetwork } from '../../src/xml/format-network.js';
import { parseNetworkXml } from '../../src/xml/parse-network.js';

const parse = (body: string, name = 'n1') => parseNetworkXml(`<network>\n  <name>${name}</name>\n${body}</network>\n`, `${name}.xml`);
const complete = (def: ReturnType<typeof parse>, seed = 'seed', used: string[] = []) =>
  completeNetworkDef(def, { random: seededRandom(seed), usedBridgeNames: new Set(used) });

describe('completeNetworkDef', () => {
  it('fills uuid, the lowest free virbrN and a 52:54:00 MAC for an isolated network', () => {
    const done = complete(parse(''), 'seed', ['virbr0', 'virbr1', 'virbr3']);
    expect(done.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(done.bridge?.name).toBe('virbr2');
    expect(done.mac).toMatch(/^52:54:00(:[0-9a-f]{2}){3}$/);
    expect(formatNetwork(done)).toContain("<bridge name='virbr2' stp='on' delay='0'/>");
  });

  it('is deterministic per seed and differs between seeds', () => {
    const def = parse('');
    expect(complete(def, 'a')).toEqual(complete(def, 'a'));
    expect(complete(def, 'a').uuid).not.toBe(complete(def, 'b').uuid);
    expect(complete(def, 'a').mac).not.toBe(complete(def, 'b').mac);
  });

  it('draws the uuid before the mac, as parse comes before networkValidate', () => {
    const random = seededRandom('order');
    const uuid = random.uuid();
    const mac = random.mac();
    expect(complete(parse(''), 'order')).toMatchObject({ uuid, mac });
  });

  it('keeps what the user gave', () => {
    const def = parse("  <uuid>6a1f0c0e-0000-4000-8000-0000000000e0</uuid>\n  <bridge name='mybr'/>\n  <mac address='52:54:00:01:02:03'/>\n");
    expect(complete(def, 'x', ['virbr0'])).toEqual(def);
  });

  it("honours a template with one %d (networkFindUnusedBridgeName)", () => {
    expect(complete(parse("  <bridge name='lab%d'/>\n"), 's', ['lab0']).bridge?.name).toBe('lab1');
    // Two '%' make libvirt fall back to virbr%d.
    expect(complete(parse("  <bridge name='a%d%d'/>\n"), 's').bridge?.name).toBe('virbr0');
  });

  it('gives no bridge name or MAC to bridge/macvtap/hostdev networks', () => {
    const done = complete(parse("  <forward mode='bridge'/>\n  <bridge name='br0'/>\n"));
    expect(done.mac).toBeUndefined();
    expect(formatNetwork(done)).toContain("<bridge name='br0'/>");
    expect(complete(parse("  <forward mode='private'>\n    <interface dev='eth0'/>\n  </forward>\n")).bridge).toBeUndefined();
  });
});

describe('networkDefineError (networkValidate)', () => {
  it("checks <domain register='yes'> against localOnly only from 10.1: 9.0 ignores the attribute (differential capture)", () => {
    const def = parse("  <domain name='nodns.lab' register='yes'/>\n");
    expect(networkDefineError(def, { usedBridgeNames: new Set() })).toBeNull();
    expect(networkDefineError(def, { usedBridgeNames: new Set(), domainRegister: true }))
      .toBe("unsupported configuration: attribute 'register=yes' in <domain> element requires 'localOnly=yes' in network n1");
    const local = parse("  <domain name='nodns.lab' localOnly='yes' register='yes'/>\n");
    expect(networkDefineError(local, { usedBridgeNames: new Set(), domainRegister: true })).toBeNull();
    expect(formatNetwork(def, { version: '9.0' })).toContain("<domain name='nodns.lab'/>");
  });

  it('refuses a bridge name another network uses', () => {
    expect(networkDefineError(parse("  <bridge name='virbr0'/>\n"), { usedBridgeNames: new Set(['virbr0']) }))
      .toBe("internal error: bridge name 'virbr0' already in use.");
  });

  it('refuses a MAC on a bridge-mode network', () => {
    expect(networkDefineError(parse("  <forward mode='bridge'/>\n  <bridge name='br0'/>\n  <mac address='52:54:00:00:00:01'/>\n"), { usedBridgeNames: new Set() }))
      .toBe("unsupported configuration: Unsupported <mac> element in network n1 with forward mode='bridge'");
  });

  it('refuses two default portgroups', () => {
    const def = parse("  <portgroup name='a' default='yes'/>\n  <portgroup name='b' default='yes'/>\n");
    expect(networkDefineError(def, { usedBridgeNames: new Set() }))
      .toBe("unsupported configuration: network 'n1' has multiple default <portgroup> elements (a and b), but only one default is allowed");
  });

  it('accepts the recorded definitions', () => {
    expect(networkDefineError(parse("  <bridge name='lvoiso0'/>\n"), { usedBridgeNames: new Set(['virbr0']) })).toBeNull();
  });
});
