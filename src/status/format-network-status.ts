import type { NetworkDef } from '../model/network-def.js';
import type { NetworkPortDef } from '../model/network-port-def.js';
import { withPoolConnections } from '../model/with-pool-connections.js';
import { formatNetworkInto } from '../xml/format-network.js';
import { finishFormatted } from '../xml/indent-formatted.js';
import { XmlBuffer } from '../xml/xml-buffer.js';
import { formatBitmap } from './class-id-bitmap.js';

/** What virNetworkObjFormat reads from a network object at the moment it is saved. */
export interface NetworkStatus {
  /** The running definition (obj->def). */
  readonly live: NetworkDef;
  /** netdef->connections at the time of the save. */
  readonly connections: number;
  /** The ports counted in the pool devices' connections at that time. */
  readonly ports: readonly NetworkPortDef[];
  /** obj->classIdMap: the tc classes in use (see classIdsOf). */
  readonly classIds: readonly number[];
  /** obj->floor_sum (see floorSumOf). */
  readonly floorSum: number;
  readonly tainted: boolean;
}

/** The tc classes in use: 0-2 are taken by every network (virNetworkObjNew), then each port's. */
export const classIdsOf = (ports: readonly NetworkPortDef[]) => [0, 1, 2, ...ports.flatMap((p) => (p.classId ? [p.classId] : []))];

/** obj->floor_sum: the guaranteed inbound floors of the ports with a tc class. */
export const floorSumOf = (ports: readonly NetworkPortDef[]) => ports.reduce((sum, p) => sum + (p.classId ? p.bandwidth?.inbound?.floor ?? 0 : 0), 0);

/**
 * virNetworkObjFormat: `<networkstatus>` with the class_id bitmap, the floor sum, the taints, then
 * the live `<network>` (flags 0: `connections` and the pool's connections included), and no
 * newline after `</networkstatus>`.
 */
export function formatNetworkStatus(status: NetworkStatus, version: string): string {
  const buf = new XmlBuffer();
  buf.add('<networkstatus>\n');
  buf.adjustIndent(2);
  buf.add(`<class_id bitmap='${formatBitmap(status.classIds)}'/>\n`);
  buf.add(`<floor sum='${status.floorSum}'/>\n`);
  if (status.tainted) buf.add("<taint flag='hook-script'/>\n");
  formatNetworkInto(buf, withPoolConnections(status.live, status.ports), { connections: status.connections, version });
  buf.adjustIndent(-2);
  buf.add('</networkstatus>');
  return finishFormatted(buf);
}
