import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkCommands } from '../../src/doubles/check-commands.js';
import { createCommandDoubles } from '../../src/doubles/command-doubles.js';
import type { HookCall } from '../../src/model/hook-call.js';
import { isRecord, readTrace } from '../support/oracle.js';
import { file } from '../runner/hooks-dir.js';
import { skippedWithout } from '../runner/sandbox-runner.js';
import { script, withDoubles } from './doubles-runner.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/hooks/', import.meta.url));
const skipped = await skippedWithout('pid-namespace');

/** The port-created / port-deleted calls a real libvirt 9.0 made for guest lvo-vm (MAC 52:54:00:00:00:01). */
function recordedPortCall(op: 'port-created' | 'port-deleted'): HookCall {
  const record = readTrace('e-guest-lifecycle').filter(isRecord).find((r) => r.argv[2] === op && r.argv[0] === '/etc/libvirt/hooks/network')!;
  return { driver: 'network', object: record.argv[1]!, op, subop: 'begin', extra: '-', stdin: record.stdin_text, filter: false };
}

const hooks = {
  network: script(readFileSync(join(EXAMPLE, 'network'), 'utf8')),
  'port-forwards.conf': file(readFileSync(join(EXAMPLE, 'port-forwards.conf'), 'utf8')),
};
const dnat = (port: string, to: string) => ['PREROUTING', '-p', 'tcp', '--dport', port, '-j', 'DNAT', '--to-destination', to];

describe.skipIf(skipped !== '')(`the port-forwarding part of the example network hook (examples/hooks/network)${skipped}`, () => {
  it('adds DNAT and FORWARD rules for the MAC found in the conf next to it, in strict mode', async () => {
    const missing = { doubles: { iptables: { replies: [{ matches: '(^| )-C ', exit: 1, stderr: 'iptables: Bad rule (does a matching rule exist in that chain?).\n' }] } }, strict: true };
    await withDoubles(hooks, { isolation: 'pid-namespace', doubles: missing }, async ({ call }) => {
      const result = await call(recordedPortCall('port-created'));
      expect(result).toMatchObject({ status: 'ok', interception: 'namespace', violations: [] });
      expect(checkCommands(result.commands ?? [], {
        mode: 'ordered',
        calls: [
          { command: 'iptables', argv: ['-t', 'nat', '-C', ...dnat('8080', '192.0.2.51:80')] },
          { command: 'iptables', argv: ['-t', 'nat', '-A', ...dnat('8080', '192.0.2.51:80')] },
          { command: 'iptables', argv: ['-I', 'FORWARD', '-d', '192.0.2.51/32', '-p', 'tcp', '--dport', '80', '-j', 'ACCEPT'] },
          { command: 'logger', argv: ['-t', 'libvirt-port-forward', 'lvo-nat: port-created 52:54:00:00:00:01 tcp/8080 -> 192.0.2.51:80'] },
          { command: 'iptables', argv: ['-t', 'nat', '-A', ...dnat('2222', '192.0.2.51:22')] },
          { command: 'iptables', matches: '192\\.0\\.2\\.99', never: true },
          { command: 'iptables', matches: '^-t nat -A ', times: 2 },
        ],
      })).toEqual([]);
    });
  });

  it('adds nothing when the rules exist (a daemon restart replays port-created) and deletes them on port-deleted', async () => {
    await withDoubles(hooks, { isolation: 'pid-namespace', doubles: { doubles: { iptables: {} }, strict: true } }, async ({ call }) => {
      const replay = await call(recordedPortCall('port-created'));
      expect(checkCommands(replay.commands ?? [], { mode: 'contains', calls: [{ command: 'iptables', matches: '(^| )-C ', times: 4 }, { command: 'iptables', matches: '(^| )-[AI] ', never: true }] })).toEqual([]);
      const deleted = await call(recordedPortCall('port-deleted'), { doubles: createCommandDoubles({ doubles: { iptables: {} }, strict: true }) });
      expect(checkCommands(deleted.commands ?? [], {
        mode: 'exact',
        calls: [
          { command: 'iptables', argv: ['-t', 'nat', '-D', ...dnat('8080', '192.0.2.51:80')] },
          { command: 'iptables', matches: '^-D FORWARD -d 192\\.0\\.2\\.51/32 .*--dport 80 ' },
          { command: 'iptables', argv: ['-t', 'nat', '-D', ...dnat('2222', '192.0.2.51:22')] },
          { command: 'iptables', matches: '^-D FORWARD .*--dport 22 ' },
        ],
      })).toEqual([]);
    });
  });
});
