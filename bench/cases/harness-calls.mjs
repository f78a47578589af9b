// One simulated daemon, one network, N `virsh net-update --live` steps: each runs the network hook
// once with the network's XML (~2 KB) on stdin, through the public API (simulator included).
// usage: node harness-calls.mjs HOOKS_DIR N [--capture DIR]   -> JSON on stdout
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSession, parseNetworkXml } from '../../dist/index.js';
import { networkXml, UPDATE_XML } from '../lib/workload.mjs';
import { childrenCpuMs, selfCpuMs } from '../lib/process-stats.mjs';

const [hooksDir, count, flag, captureDir] = process.argv.slice(2);
const n = Number(count);
const WARMUP = 5;
const update = { verb: 'net-update', network: 'bench', command: 'modify', section: 'ip-dhcp-host', xml: UPDATE_XML, parentIndex: -1, live: true, config: false };

const session = await createSession({ hooksDir });
await session.run({ verb: 'net-define', def: parseNetworkXml(networkXml(), 'network.xml'), file: 'network.xml' });
const start = await session.run({ verb: 'net-start', network: 'bench' });
if (!start.ok) throw new Error(`net-start failed: ${start.error}`);
for (let i = 0; i < WARMUP; i += 1) await session.run(update);
const cpu0 = selfCpuMs();
const t0 = performance.now();
let failures = 0;
let isolation = null;
for (let i = 0; i < n; i += 1) {
  const step = await session.run(update);
  if (!step.ok || step.calls.length !== 1 || step.calls[0].scripts[0].exitCode !== 0) failures += 1;
  isolation = step.calls[0]?.isolation ?? isolation;
}
const ms = performance.now() - t0;
const nodeCpuMs = selfCpuMs() - cpu0;
const { invocations } = session.recording;
const last = invocations.at(-1);
if (flag === '--capture') {
  // The exact bytes and environment the floor and bats runs give the same hook.
  writeFileSync(join(captureDir, 'stdin.xml'), last.stdin);
  writeFileSync(join(captureDir, 'env.bin'), last.env.map((e) => `${e}\0`).join(''));
}
await session.dispose();
const calls = invocations.length;
console.log(JSON.stringify({ calls: n, ms, failures, nodeCpuMs, totalCalls: calls, childrenCpuMs: childrenCpuMs(), stdinBytes: Buffer.byteLength(last.stdin), argv: last.argv, isolation }));
