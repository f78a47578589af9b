import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { applyNetworkUpdate } from '../../src/model/apply-network-update.js';
import { liveNetworkDef } from '../../src/model/live-network-def.js';
import type { NetworkDef } from '../../src/model/network-def.js';
import { formatHookData } from '../../src/xml/format-hook-data.js';
import { formatNetwork } from '../../src/xml/format-network.js';
import type { UpdateCommand, UpdateSection } from '../../src/xml/update-network-section.js';
import { parseNetworkXml } from '../../src/xml/parse-network.js';
import { isRecord, ORACLE_DIR, readTrace, readTranscript } from '../support/oracle.js';

// Scenario d replayed: every `updated` hook's stdin, then net-dumpxml and net-dumpxml --inactive.
it('replays scenario d (net-update) and reproduces each updated stdin and the final dumps', () => {
  let config: NetworkDef = parseNetworkXml(readFileSync(`${ORACLE_DIR}xml/net-nat.xml`, 'utf8'), 'net-nat.xml');
  let live: NetworkDef | null = null;
  const recorded = readTrace('d-net-update')
    .filter(isRecord)
    .filter((r) => r.argv[0]!.endsWith('/hooks/network') && r.argv[2] === 'updated')
    .map((r) => r.stdin_text!);
  const produced: string[] = [];
  const dumps: string[] = [];
  for (const command of readTranscript('d-net-update').flatMap((segment) => segment.commands)) {
    const line = command.line.replace(/^virsh -c qemu:\/\/\/system /, '');
    if (line.startsWith('net-start')) live = liveNetworkDef(config);
    const update = /^net-update \S+ (\S+) (\S+) (<.*\/>)( --live)?( --config)?$/.exec(line);
    if (update) {
      const change = { command: update[1] as UpdateCommand, section: update[2] as UpdateSection, xml: update[3]!, parentIndex: -1 };
      if (update[4]) {
        const result = applyNetworkUpdate(live!, change);
        if (!result.ok) throw new Error(result.error);
        live = result.def;
      }
      if (update[5]) {
        const result = applyNetworkUpdate(config, change);
        if (!result.ok) throw new Error(result.error);
        config = result.def;
      }
      // networkUpdate: the hook sees the live def of an active network, even after --config only.
      produced.push(formatHookData([formatNetwork(live!)]));
    }
    // The transcript keeps virsh's output without its final newline.
    if (line.startsWith('net-dumpxml')) dumps.push(`${command.output}\n`);
  }
  expect(produced).toEqual(recorded);
  expect(dumps).toEqual([formatNetwork(live!), formatNetwork(config)]);
});
