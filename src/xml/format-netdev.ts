import type { BandwidthDef, BandwidthRate, VirtualPortDef, VlanDef } from '../model/network-def.js';
import type { XmlBuffer } from './xml-buffer.js';

/** virNetDevVlanFormat: nativeMode goes on every tag whose id is the native tag's. */
export function formatVlan(buf: XmlBuffer, vlan: VlanDef | undefined): void {
  if (!vlan || vlan.tags.length === 0) return;
  const native = vlan.tags.find((t) => t.nativeMode !== undefined);
  buf.add(`<vlan${vlan.trunk ? " trunk='yes'" : ''}>\n`);
  buf.adjustIndent(2);
  for (const tag of vlan.tags) {
    buf.add(native && native.id === tag.id ? `<tag id='${tag.id}' nativeMode='${native.nativeMode}'/>\n` : `<tag id='${tag.id}'/>\n`);
  }
  buf.adjustIndent(-2);
  buf.add('</vlan>\n');
}

// virNetDevBandwidthRateFormat: nothing unless average or floor is set.
function formatRate(buf: XmlBuffer, rate: BandwidthRate | undefined, element: string): void {
  if (!rate || !(rate.average || rate.floor)) return;
  let text = `<${element}`;
  if (rate.average) text += ` average='${rate.average}'`;
  if (rate.peak) text += ` peak='${rate.peak}'`;
  if (rate.floor) text += ` floor='${rate.floor}'`;
  if (rate.burst) text += ` burst='${rate.burst}'`;
  buf.add(`${text}/>\n`);
}

/** virNetDevBandwidthFormat (classID only when non-zero). */
export function formatBandwidth(buf: XmlBuffer, bandwidth: BandwidthDef | undefined, classId = 0): void {
  if (!bandwidth) return;
  buf.add(`<bandwidth${classId ? ` classID='${classId}'` : ''}>\n`);
  buf.adjustIndent(2);
  formatRate(buf, bandwidth.inbound, 'inbound');
  formatRate(buf, bandwidth.outbound, 'outbound');
  buf.adjustIndent(-2);
  buf.add('</bandwidth>\n');
}

/** virNetDevVPortProfileFormat: each parameter only for the types that use it. */
export function formatVirtualPort(buf: XmlBuffer, vp: VirtualPortDef | undefined): void {
  if (!vp) return;
  const noParameters = [vp.managerId, vp.typeId, vp.typeIdVersion, vp.instanceId, vp.profileId || undefined, vp.interfaceId].every((v) => v === undefined);
  if (!vp.type) {
    if (noParameters) return;
    buf.add('<virtualport>\n');
  } else if (noParameters) {
    buf.add(`<virtualport type='${vp.type}'/>\n`);
    return;
  } else {
    buf.add(`<virtualport type='${vp.type}'>\n`);
  }
  const is = (...types: (string | undefined)[]) => types.includes(vp.type);
  let text = '<parameters';
  if (vp.managerId !== undefined && is('802.1Qbg', undefined)) text += ` managerid='${vp.managerId}'`;
  if (vp.typeId !== undefined && is('802.1Qbg', undefined)) text += ` typeid='${vp.typeId}'`;
  if (vp.typeIdVersion !== undefined && is('802.1Qbg', undefined)) text += ` typeidversion='${vp.typeIdVersion}'`;
  if (vp.instanceId !== undefined && is('802.1Qbg', undefined)) text += ` instanceid='${vp.instanceId}'`;
  if (vp.interfaceId !== undefined && is('midonet', 'openvswitch', undefined)) text += ` interfaceid='${vp.interfaceId}'`;
  if (vp.profileId && is('openvswitch', '802.1Qbh', undefined)) text += ` profileid='${vp.profileId}'`;
  buf.adjustIndent(2);
  buf.add(`${text}/>\n`);
  buf.adjustIndent(-2);
  buf.add('</virtualport>\n');
}
