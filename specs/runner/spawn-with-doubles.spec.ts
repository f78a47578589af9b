import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createCommandDoubles } from '../../src/doubles/command-doubles.js';
import { DoublesSlot } from '../../src/runner/doubles-slot.js';
import type { SpawnRequest, SpawnResult } from '../../src/runner/hook-spawner.js';
import { spawnWithDoubles } from '../../src/runner/spawn-with-doubles.js';

const INTERPRETER = '/opt/python/bin/python3.11';
const hooksDir = mkdtempSync(join(tmpdir(), 'virthook-spawn-with-doubles-'));
afterAll(() => rmSync(hooksDir, { recursive: true, force: true }));

const REQUEST: SpawnRequest = {
  path: join(hooksDir, 'network'), libvirtPath: '/etc/libvirt/hooks/network', argv: ['/etc/libvirt/hooks/network', 'lab', 'start', 'begin', '-'],
  env: ['LC_ALL=C', 'PATH=/usr/sbin:/usr/bin'], cwd: '/', stdin: null,
  limits: { timeoutMs: 1_000, lingerGraceMs: 100, forceKillAfterMs: 100, maxOutputBytes: 1_024 },
  doubles: { doubles: createCommandDoubles({ doubles: { iptables: {} } }), script: 'network', hooksDir, libvirtHooksDir: '/etc/libvirt/hooks' },
};

/** What the supervisor reports: a double (the shim, run by its `#!` interpreter) among the hook's leftovers. */
const REPORTED: SpawnResult = {
  exitCode: 0, signal: null, execErrno: null, execMessage: null, stdout: Buffer.alloc(0), stderr: Buffer.alloc(0), durationMs: 1,
  timedOut: false, outputCapped: null,
  lingering: { afterExitMs: 100, holders: [{ pid: 7, command: `${INTERPRETER} -IS /usr/sbin/iptables -S FORWARD` }, { pid: 8, command: 'sleep 300' }] },
  survivors: [{ pid: 9, command: `${INTERPRETER} -IS /sbin/iptables -L` }, { pid: 10, command: `${INTERPRETER} -c pass` }],
};

it('names a double among a hook\'s leftovers as the hook ran it, not by the shim\'s interpreter line', async () => {
  const slot = await DoublesSlot.create(INTERPRETER);
  try {
    const host = { withoutNamespace: 'no namespaces in this spec', prepareNamespace: () => Promise.resolve('unused'), spawn: () => Promise.resolve(REPORTED) };
    const result = await spawnWithDoubles(REQUEST, slot, host);
    expect(result.lingering?.holders).toEqual([{ pid: 7, command: 'iptables -S FORWARD (a command double)' }, { pid: 8, command: 'sleep 300' }]);
    // Only the shim's own `#!` line is rewritten: the interpreter run otherwise stays as it is.
    expect(result.survivors).toEqual([{ pid: 9, command: 'iptables -L (a command double)' }, { pid: 10, command: `${INTERPRETER} -c pass` }]);
  } finally {
    await slot.dispose();
  }
});
