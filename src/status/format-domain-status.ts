import type { DomainDef } from '../model/domain-def.js';
import { domainDriverOf } from '../model/domain-stage.js';
import { formatDomainInto } from '../xml/format-domain.js';
import { finishFormatted } from '../xml/indent-formatted.js';
import { XmlBuffer } from '../xml/xml-buffer.js';

/** What virDomainObjFormat reads from a running guest's object. */
export interface DomainStatus {
  /** The live definition (its id is set). */
  readonly live: DomainDef;
  /** VIR_DOMAIN_TAINT_HOOK (qemuDomainObjCheckTaint when priv->hookRun). */
  readonly tainted: boolean;
}

/** The emulator's pid: not simulated, so a stand-in derived from the domain id. */
export const domainPidOf = (live: DomainDef) => 10000 + (live.id ?? 0) * 10;

/** virDomainDefGetShortName: `ID-NAME` with the name cut to VIR_DOMAIN_SHORT_NAME_MAX (20). */
const shortName = (live: DomainDef) => `${live.id ?? -1}-${live.name.slice(0, 20)}`;

/**
 * The driver's private status data (xmlopt->privateData.format). qemu's is approximated by the
 * paths derived from the short name (monitor, libDir, channelTargetDir) and its fixed flags;
 * namespaces, vcpu pids, qemuCaps flags and the device alias list are left out. lxc keeps the
 * container's init pid; libxl and bhyve write nothing here.
 */
function formatPrivateData(buf: XmlBuffer, live: DomainDef): void {
  const driver = domainDriverOf(live);
  if (driver === 'lxc') {
    buf.add(`<init pid='${domainPidOf(live) + 1}'/>\n`);
    return;
  }
  if (driver !== 'qemu') return;
  const dir = `/var/lib/libvirt/qemu/domain-${shortName(live)}`;
  buf.addEscaped("<monitor path='%s' type='unix'/>\n", `${dir}/monitor.sock`);
  buf.addEscaped("<libDir path='%s'/>\n", dir);
  buf.addEscaped("<channelTargetDir path='%s'/>\n", `/var/lib/libvirt/qemu/channel/target/domain-${shortName(live)}`);
  buf.add('<chardevStdioLogd/>\n');
  buf.add("<allowReboot value='yes'/>\n");
  buf.add("<blockjobs active='no'/>\n");
}

/**
 * virDomainObjFormat for a running guest: `<domstatus state='running' reason='booted' pid=...>`,
 * the taints, the driver's private data, then the live `<domain>` in status form
 * (VIR_DOMAIN_DEF_FORMAT_STATUS | ACTUAL_NET: interfaces keep their `<actual>`), ending with a
 * newline. The running reason is always `booted` (restored and migrated guests are not told apart).
 */
export function formatDomainStatus(status: DomainStatus): string {
  const buf = new XmlBuffer();
  buf.add(`<domstatus state='running' reason='booted' pid='${domainPidOf(status.live)}'>\n`);
  buf.adjustIndent(2);
  if (status.tainted) buf.add("<taint flag='hook-script'/>\n");
  formatPrivateData(buf, status.live);
  formatDomainInto(buf, status.live, { status: true });
  buf.adjustIndent(-2);
  buf.add('</domstatus>\n');
  return finishFormatted(buf);
}
