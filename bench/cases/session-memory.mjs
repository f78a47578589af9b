// Memory of one session recording N calls (the Session API keeps every step and invocation).
// usage: node session-memory.mjs HOOKS_DIR N   -> JSON on stdout
import { createSession, parseNetworkXml } from '../../dist/index.js';
import { networkXml, UPDATE_XML } from '../lib/workload.mjs';
import { peakRss, sampleTreeMemory } from '../lib/process-stats.mjs';

const [hooksDir, count] = process.argv.slice(2);
const n = Number(count);
const update = { verb: 'net-update', network: 'bench', command: 'modify', section: 'ip-dhcp-host', xml: UPDATE_XML, parentIndex: -1, live: true, config: false };
const sampler = sampleTreeMemory(1000);
const session = await createSession({ hooksDir });
await session.run({ verb: 'net-define', def: parseNetworkXml(networkXml(), 'network.xml'), file: 'network.xml' });
await session.run({ verb: 'net-start', network: 'bench' });
const checkpoints = [];
const t0 = performance.now();
for (let i = 1; i <= n; i += 1) {
  await session.run(update);
  if (i % Math.max(1, Math.floor(n / 4)) === 0) {
    const m = process.memoryUsage();
    checkpoints.push({ calls: i, rss: m.rss, heapUsed: m.heapUsed, arrayBuffers: m.arrayBuffers });
  }
}
const ms = performance.now() - t0;
const recorded = session.recording.invocations.length;
await session.dispose();
const memory = sampler.stop();
console.log(JSON.stringify({ calls: n, recorded, ms, peakMainRss: peakRss(), peakTreePss: memory.peakPss, checkpoints }));
