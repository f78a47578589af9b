// Memory of one session recording N calls (the Session keeps the newest in memory and spools the rest).
// usage: node session-memory.mjs HOOKS_DIR N   -> JSON on stdout
// The peak is taken before the recording is read back; the read-back is reported on its own.
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
const recorded = session.invocationCount;
const peakMainRss = peakRss();
const memory = sampler.stop();
const r0 = performance.now();
const read = session.recording.invocations.length;
const readBack = { invocations: read, ms: performance.now() - r0, peakMainRss: peakRss() };
await session.dispose();
console.log(JSON.stringify({ calls: n, recorded, ms, peakMainRss, peakTreePss: memory.peakPss, checkpoints, readBack }));
