import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A throw-away project for pool specs: one bash network hook whose behaviour depends on the
 * network's name, and scenario files using it.
 * - `ok-*`: every call exits 0.
 * - `hang-*`: `start` sleeps as `<token>` (so it can be found in /proc).
 * - `wait-*`: `start` waits until `marks/<rest of the name>` exists (see `mark`).
 * - `ns-*`: `start` prints its PID namespace and the start time of that namespace's init, the
 *   hook supervisor (both equal: the same supervisor; namespace inodes alone are recycled).
 */
export interface ScenarioSandbox {
  readonly root: string;
  /** argv[0] of every hanging hook's sleep. */
  readonly token: string;
  /** Writes `scenarios/<name>.yaml` starting and destroying `network`; returns its path relative to root. */
  scenario(name: string, network: string): string;
  /** Writes a raw scenario file; returns its relative path. */
  raw(name: string, text: string): string;
  /** Creates `marks/<name>`, releasing the `wait-<name>` hook. */
  mark(name: string): void;
  /** Hanging hooks still alive anywhere on the machine. */
  hanging(): string[];
  /** Resolves once `count` hanging hooks are asleep. */
  asleep(count: number): Promise<void>;
  remove(): void;
}

export function scenarioSandbox(): ScenarioSandbox {
  const root = mkdtempSync(join(tmpdir(), 'virthook-pool-'));
  const token = `virthook-pool-hang-${root.slice(-6)}`;
  const marks = join(root, 'marks');
  for (const dir of ['hooks', 'scenarios', 'marks']) mkdirSync(join(root, dir));
  writeFileSync(join(root, 'hooks/network'), `#!/bin/bash
cat > /dev/null
[ "$2" = start ] || exit 0
case "$1" in
  hang-*) exec -a '${token}' sleep 86400 ;;
  wait-*) until [ -e '${marks}'/"\${1#wait-}" ]; do sleep 0.02; done ;;
  ns-*) echo "$(readlink /proc/self/ns/pid) $(cut -d' ' -f22 /proc/1/stat)" ;;
esac
exit 0
`);
  chmodSync(join(root, 'hooks/network'), 0o755);
  let bridge = 0;
  const raw = (name: string, text: string): string => {
    writeFileSync(join(root, 'scenarios', `${name}.yaml`), text);
    return `scenarios/${name}.yaml`;
  };
  return {
    root,
    token,
    raw,
    scenario: (name, network) => raw(name, `name: ${name}
hooks: ../hooks
networks:
  - |
    <network><name>${network}</name><bridge name='virbr${(bridge += 1)}'/><ip address='192.0.2.1' netmask='255.255.255.0'/></network>
steps:
  - net-start: ${network}
    expect: { ok: true }
  - net-destroy: ${network}
`),
    hanging: () => readdirSync('/proc').filter((pid) => /^\d+$/.test(pid)).filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith(`${token}\0`);
      } catch {
        return false;
      }
    }),
    mark: (name) => writeFileSync(join(marks, name), ''),
    async asleep(count) {
      while (this.hanging().length < count) await sleep(20);
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
