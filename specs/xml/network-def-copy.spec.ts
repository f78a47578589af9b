import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { libvirtProfile } from '../../src/model/libvirt-profile.js';
import type { Command } from '../../src/simulator/command.js';
import { createSimulatorState } from '../../src/simulator/create-simulator-state.js';
import type { StepResult } from '../../src/simulator/step-result.js';
import { networkDefCopy } from '../../src/xml/network-def-copy.js';
import { parseNetworkXml } from '../../src/xml/parse-network.js';
import { playback } from '../support/playback.js';

// What a real libvirtd 9.0.0 said for each portgroup name (fixtures/xml/differential/capture-portgroup-names.sh).
interface Captured { readonly name: string; readonly start: string; readonly update: string }
const captured: readonly Captured[] = JSON.parse(readFileSync(new URL('../../fixtures/xml/differential/portgroup-names.json', import.meta.url), 'utf8'));
const virsh = (result: StepResult) => (result.ok ? result.output : result.error);
const define = (xml: string): Command => ({ verb: 'net-define', def: parseNetworkXml(xml, 'pg.xml'), file: 'pg.xml' });

describe('virNetworkDefCopy parses libvirt\'s unescaped portgroup names again (differential capture)', () => {
  it('net-start and a live net-update say what libvirt 9.0 said, name after name, on one daemon', async () => {
    // The capture's sequence: pgupd stays active; each name is started in its own network, then
    // added to pgupd live and deleted again (a name that came back changed cannot be deleted).
    const commands: Command[] = [define("<network><name>pgupd</name><bridge name='pgupd'/><portgroup name='ok'/></network>"), { verb: 'net-start', network: 'pgupd' }];
    captured.forEach((entry, i) => {
      const pg = `<portgroup name='${entry.name}'/>`;
      commands.push(
        define(`<network><name>pg${i + 1}</name><bridge name='pg${i + 1}'/>${pg}</network>`),
        { verb: 'net-start', network: `pg${i + 1}` },
        { verb: 'net-update', network: 'pgupd', command: 'add', section: 'portgroup', xml: pg, parentIndex: -1, live: true, config: false },
        { verb: 'net-update', network: 'pgupd', command: 'delete', section: 'portgroup', xml: pg, parentIndex: -1, live: true, config: false },
      );
    });
    const state = createSimulatorState({ profile: libvirtProfile('9.0'), seed: 'pg', hooksFound: ['network'] });
    const { results } = await playback(state, commands);
    const seen = captured.map((entry, i) => ({ name: entry.name, start: virsh(results[2 + i * 4 + 1]!), update: virsh(results[2 + i * 4 + 2]!) }));
    expect(seen).toEqual(captured);
  });

  it('a transient network (net-create) is not copied: it starts with the same name', async () => {
    const state = createSimulatorState({ profile: libvirtProfile('9.0'), seed: 'pg', hooksFound: ['network'] });
    const def = parseNetworkXml("<network><name>t</name><bridge name='t0'/><portgroup name='a&amp;b'/></network>", 't.xml');
    const { results, calls } = await playback(state, [{ verb: 'net-create', def, file: 't.xml' }]);
    expect(results[0]).toMatchObject({ ok: true, output: 'Network t created from t.xml' });
    expect(calls.map((c) => c.op)).toEqual(['start', 'started']);
  });

  it('DHCP host names are printed unescaped too, and a name that parses comes back decoded', () => {
    const def = parseNetworkXml(`<network><name>h</name><ip address='10.9.0.1' prefix='24'><dhcp>
      <host mac='52:54:00:00:00:01' name='a&amp;b' ip='10.9.0.2'/></dhcp></ip></network>`, 'h.xml');
    const copy = networkDefCopy(def, '9.0');
    expect(copy).toEqual({ ok: false, error: "(network_definition):7: EntityRef: expecting ';'\n      <host mac='52:54:00:00:00:01' name='a&b' ip='10.9.0.2'/>\n---------------------------------------------^" });
    const fine = parseNetworkXml("<network><name>h</name><portgroup name='x&amp;lt;y'/></network>", 'h.xml');
    expect(networkDefCopy(fine, '9.0')).toMatchObject({ ok: true, def: { portgroups: [{ name: 'x<y' }] } });
  });
});
