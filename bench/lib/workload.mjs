import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Network hook argv[1..4] of the per-call benchmarks: an `updated` call, as `virsh net-update --live` makes. */
export const UPDATE_ARGV = ['bench', 'updated', 'begin', '-'];
/** Scenario steps per file: net-start (2 calls) + 17 net-update (1 each) + net-destroy (1) = 20 calls. */
export const CALLS_PER_SCENARIO = 20;
const UPDATES_PER_SCENARIO = CALLS_PER_SCENARIO - 3;

/** The real interpreter behind `python3` (a version-manager shim would be timed, not Python). */
export function realPython() {
  try {
    return execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

/**
 * A network whose hook stdin is about 2 KB: libvirt formats the whole live definition, so a DHCP
 * host list makes the size.
 */
export function networkXml(hosts = 22) {
  const lines = Array.from({ length: hosts }, (_, i) =>
    `      <host mac='52:54:00:00:01:${(i + 16).toString(16)}' name='bench-host-${String(i).padStart(2, '0')}' ip='192.0.2.${i + 10}'/>`);
  return `<network>
  <name>bench</name>
  <bridge name='virbr-bench'/>
  <ip address='192.0.2.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='192.0.2.100' end='192.0.2.200'/>
${lines.join('\n')}
    </dhcp>
  </ip>
</network>
`;
}

/** The fragment every net-update step modifies (host 0 keeps its address: each call sees the same stdin). */
export const UPDATE_XML = "<host mac='52:54:00:00:01:10' name='bench-host-00' ip='192.0.2.10'/>";

/**
 * Writes the benchmark project under `dir`: hooks-bash/network and hooks-python/network (each
 * reads all of stdin and exits 0, as a hook that parses its XML would), network.xml, and
 * `scenarios` files of CALLS_PER_SCENARIO calls, every call's exit status checked.
 */
export function writeWorkload(dir, { scenarios = 0, python = realPython() } = {}) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'hooks-bash'), { recursive: true });
  mkdirSync(join(dir, 'scenarios'));
  writeFileSync(join(dir, 'hooks-bash/network'), '#!/bin/bash\n# Reads the network XML, as a real hook does, and accepts every event.\ninput=$(cat)\nexit 0\n');
  chmodSync(join(dir, 'hooks-bash/network'), 0o755);
  if (python) {
    mkdirSync(join(dir, 'hooks-python'));
    writeFileSync(join(dir, 'hooks-python/network'), `#!${python}\nimport sys\ninput = sys.stdin.buffer.read()\nsys.exit(0)\n`);
    chmodSync(join(dir, 'hooks-python/network'), 0o755);
  }
  writeFileSync(join(dir, 'network.xml'), networkXml());
  writeScenarios(dir, scenarios);
  return { dir, bashHooks: join(dir, 'hooks-bash'), pythonHooks: python ? join(dir, 'hooks-python') : null, python };
}

/** `count` scenario files under dir/scenarios (replacing what was there); returns their paths relative to dir. */
export function writeScenarios(dir, count) {
  rmSync(join(dir, 'scenarios'), { recursive: true, force: true });
  mkdirSync(join(dir, 'scenarios'));
  const exit0 = (n) => `{ calls: [${Array(n).fill('{ exitCode: 0 }').join(', ')}] }`;
  const update = `  - net-update: { network: bench, command: modify, section: ip-dhcp-host, xml: "${UPDATE_XML}", live: true }\n    expect: ${exit0(1)}\n`;
  const files = [];
  for (let i = 0; i < count; i += 1) {
    const name = `scenarios/bench-${String(i).padStart(4, '0')}.yaml`;
    writeFileSync(join(dir, name), `name: bench ${i}
hooks: ../hooks-bash
networks:
  - ../network.xml
steps:
  - net-start: bench
    expect: ${exit0(2)}
${update.repeat(UPDATES_PER_SCENARIO)}  - net-destroy: bench
    expect: ${exit0(1)}
`);
    files.push(name);
  }
  return files;
}

/** The bats-core equivalent: `files` files of `perFile` tests, each running the hook with the same stdin and checking its status. */
export function writeBatsSuite(dir, { hook, stdinFile, files, perFile }) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const test = (f, t) => `@test "call ${f}-${t}" {\n  run "$HOOK" ${UPDATE_ARGV.join(' ')} < "$STDIN"\n  [ "$status" -eq 0 ]\n}\n`;
  for (let f = 0; f < files; f += 1) {
    const tests = Array.from({ length: perFile }, (_, t) => test(f, t)).join('');
    writeFileSync(join(dir, `calls-${String(f).padStart(3, '0')}.bats`), `HOOK='${hook}'\nSTDIN='${stdinFile}'\n\n${tests}`);
  }
  return dir;
}
