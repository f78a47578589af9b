import type { DomainDef } from '../model/domain-def.js';
import type { DomainDriver } from '../model/domain-stage.js';
import { libvirtMessage as m } from '../xml/libvirt-message.js';
import { children, prop } from '../xml/parse-context.js';
import { parseDomainElement } from '../xml/parse-domain.js';
import { readXml } from '../xml/read-xml.js';
import { listStatusDir, readStatusFile, type StatusFiles } from './status-files.js';
import { domainDirs } from './status-paths.js';

/** A guest as its driver's files describe it. */
export interface LoadedDomain {
  readonly config: DomainDef | null;
  /** The running definition: the guest had a status file. */
  readonly live: DomainDef | null;
  readonly tainted: boolean;
}

/** The guests found, and what libvirt would log about the files it skipped. */
export interface LoadedDomains {
  readonly domains: ReadonlyMap<string, LoadedDomain>;
  readonly problems: readonly string[];
}

// virDomainState names: every state but shutoff means the guest's process exists.
const STATES = ['nostate', 'running', 'blocked', 'paused', 'shutdown', 'shutoff', 'crashed', 'pmsuspended'];

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** virDomainObjParseXML: `<domstatus state=...>`, its taints, and the `<domain>` in status form. */
function parseDomainStatus(text: string, path: string): { live: DomainDef | null; tainted: boolean } {
  const root = readXml(text, path);
  if (root.name !== 'domstatus') throw new Error(m.xmlError(`unexpected root element <${root.name}>, expecting <domstatus>`));
  const state = prop(root, 'state');
  if (state === undefined || !STATES.includes(state)) throw new Error(m.internal(`invalid domain state '${state ?? ''}'`));
  const node = children(root, 'domain')[0];
  if (!node) throw new Error(m.internal('no domain config'));
  let tainted = false;
  for (const taint of children(root, 'taint')) if (prop(taint, 'flag') === 'hook-script') tainted = true;
  const live = parseDomainElement(node, path, { status: true });
  return { live: state === 'shutoff' ? null : live, tainted };
}

/**
 * A hypervisor driver's start (qemuStateInitialize, lxcStateInitialize ...):
 * virDomainObjListLoadAllConfigs on the state directory (running guests, in status form), then on
 * the config directory (persistent definitions). A file that does not parse is skipped and
 * logged ("Failed to load config for domain"), so a guest whose status file is lost or corrupt
 * comes back shut off, as libvirt would see it.
 */
export function loadDomainFiles(files: StatusFiles, drivers: readonly DomainDriver[]): LoadedDomains {
  const domains = new Map<string, { -readonly [K in keyof LoadedDomain]: LoadedDomain[K] }>();
  const problems: string[] = [];
  for (const driver of drivers) {
    const { state, config } = domainDirs(driver);
    for (const entry of listStatusDir(files, state)) {
      const path = `${state}/${entry}`;
      const text = readStatusFile(files, path);
      if (text === undefined) continue;
      try {
        const { live, tainted } = parseDomainStatus(text, path);
        if (live) domains.set(live.name, { config: null, live, tainted });
      } catch (error) {
        problems.push(`Failed to load config for domain '${entry.slice(0, -4)}' (${path}): ${messageOf(error)}`);
      }
    }
    for (const entry of listStatusDir(files, config)) {
      const path = `${config}/${entry}`;
      const text = readStatusFile(files, path);
      if (text === undefined) continue;
      try {
        const def = parseDomainElement(readXml(text, path), path);
        if (def.name !== entry.slice(0, -4)) throw new Error(m.internal(`Domain config filename '${path}' does not match domain name '${def.name}'`));
        const running = domains.get(def.name);
        // virDomainObjListAddLocked: the same name must come with the same UUID.
        if (running?.live && def.uuid !== null && running.live.uuid !== def.uuid) {
          throw new Error(m.operationFailed(`domain '${def.name}' already exists with uuid ${running.live.uuid ?? ''}`));
        }
        domains.set(def.name, { ...(running ?? { live: null, tainted: false }), config: def });
      } catch (error) {
        problems.push(`Failed to load config for domain '${entry.slice(0, -4)}' (${path}): ${messageOf(error)}`);
      }
    }
  }
  return { domains, problems };
}
