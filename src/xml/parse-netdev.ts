import type { BandwidthDef, BandwidthRate, VirtualPortDef, VirtualPortType, VlanDef, VlanTag } from '../model/network-def.js';
import { parseCInteger } from './c-integer.js';
import { libvirtMessage as m } from './libvirt-message.js';
import { children, prop, xpathProp, type ParseContext } from './parse-context.js';
import { parseUuid } from './parse-uuid.js';
import type { XmlElement } from './read-xml.js';

// virNetDevBandwidthParseRate
function parseRate(ctx: ParseContext, node: XmlElement): BandwidthRate {
  const values: Record<string, number> = {};
  const raw = Object.fromEntries(['average', 'peak', 'burst', 'floor'].map((k) => [k, prop(node, k)]));
  const convert = (key: string) => {
    const text = raw[key];
    if (text === undefined) return;
    const value = parseCInteger(text, 'ullp');
    if (value === null) ctx.fail(node, m.configUnsupported(`could not convert bandwidth ${key} value '${text}'`));
    values[key] = value;
  };
  convert('average');
  if (raw.average === undefined && raw.floor === undefined) ctx.fail(node, 'Missing mandatory average or floor attributes');
  if ((raw.peak !== undefined || raw.burst !== undefined) && raw.average === undefined) {
    ctx.fail(node, m.configUnsupported("'peak' and 'burst' require 'average' attribute"));
  }
  convert('peak');
  convert('burst');
  convert('floor');
  return values as BandwidthRate;
}

/** virNetDevBandwidthParse (allowFloor false for networks and portgroups, true for ports); undefined when empty. */
export function parseBandwidth(ctx: ParseContext, node: XmlElement, allowFloor = false): BandwidthDef | undefined {
  const inbound = children(node, 'inbound');
  const outbound = children(node, 'outbound');
  if (inbound.length > 1) ctx.fail(inbound[1]!, 'Only one child <inbound> element allowed');
  if (outbound.length > 1) ctx.fail(outbound[1]!, 'Only one child <outbound> element allowed');
  const def: { inbound?: BandwidthRate; outbound?: BandwidthRate } = {};
  if (inbound[0]) {
    def.inbound = parseRate(ctx, inbound[0]);
    if (def.inbound.floor && !allowFloor) ctx.fail(inbound[0], m.configUnsupported('floor attribute is not supported for this config'));
  }
  if (outbound[0]) {
    def.outbound = parseRate(ctx, outbound[0]);
    if (def.outbound.floor) ctx.fail(outbound[0], m.configUnsupported("'floor' attribute allowed only in <inbound> element"));
  }
  return def.inbound || def.outbound ? def : undefined;
}

/** virNetDevVlanParse. */
export function parseVlan(ctx: ParseContext, node: XmlElement): VlanDef {
  const tagNodes = children(node, 'tag');
  if (tagNodes.length === 0) ctx.fail(node, m.xmlError("missing tag id - each <vlan> must have at least one <tag id='n'/> subelement"));
  const tags: VlanTag[] = [];
  let native = false;
  for (const tagNode of tagNodes) {
    const idText = prop(tagNode, 'id');
    if (idText === undefined) ctx.fail(tagNode, m.xmlError("Missing required attribute 'id' in element 'tag'"));
    const id = parseCInteger(idText, 'uip');
    if (id === null) ctx.fail(tagNode, m.xmlError(`Invalid value for attribute 'id' in element 'tag': '${idText}'. Expected non-negative integer value`));
    if (id > 4095) ctx.fail(tagNode, m.xmlError(`vlan tag id ${id} too large (maximum 4095)`));
    const mode = prop(tagNode, 'nativeMode');
    if (mode !== undefined && mode !== 'tagged' && mode !== 'untagged') {
      ctx.fail(tagNode, m.xmlError(`Invalid value for attribute 'nativeMode' in element 'tag': '${mode}'.`));
    }
    if (mode !== undefined && native) ctx.fail(tagNode, m.xmlError('duplicate native vlan setting'));
    if (mode !== undefined) native = true;
    tags.push(mode === undefined ? { id } : { id, nativeMode: mode });
  }
  let trunk = tags.length > 1;
  const trunkText = xpathProp(node, 'trunk');
  if (trunkText !== undefined) {
    trunk = trunkText.toLowerCase() === 'yes';
    if (!trunk) {
      if (tags.length > 1) ctx.fail(node, m.xmlError(`invalid "trunk='${trunkText}'" in <vlan> - trunk='yes' is required for more than one vlan tag`));
      if (native) ctx.fail(node, m.xmlError(`invalid configuration in <vlan> - "trunk='no'" is not allowed with a native vlan id`));
      if (trunkText.toLowerCase() !== 'no') ctx.fail(node, m.xmlError(`invalid "trunk='${trunkText}'" in <vlan> - must be yes or no`));
    }
  }
  return { trunk, tags };
}

const VPORT_TYPES: readonly VirtualPortType[] = ['802.1Qbg', '802.1Qbh', 'openvswitch', 'midonet'];

/** virNetDevVPortProfileParse (requireType for the network-level element). */
export function parseVirtualPort(ctx: ParseContext, node: XmlElement, requireType: boolean): VirtualPortDef {
  const def: { -readonly [K in keyof VirtualPortDef]: VirtualPortDef[K] } = {};
  const type = prop(node, 'type');
  if (type !== undefined) {
    if (!VPORT_TYPES.includes(type as VirtualPortType)) ctx.fail(node, m.configUnsupported(`unknown virtualport type ${type}`));
    def.type = type as VirtualPortType;
  }
  if (!def.type && requireType) ctx.fail(node, m.xmlError('missing required virtualport type'));
  const params = children(node, 'parameters')[0];
  const number = (attr: string, max: number, label: string): number | undefined => {
    const text = prop(params, attr);
    if (text === undefined) return undefined;
    const value = parseCInteger(text, 'ui', 0);
    if (value === null) ctx.fail(params!, m.xmlError(`cannot parse value of ${attr} parameter`));
    if (value > max) ctx.fail(params!, m.xmlError(label));
    return value;
  };
  const uuid = (attr: string, label: string): string | undefined => {
    const text = prop(params, attr);
    if (text === undefined) return undefined;
    return parseUuid(text) ?? ctx.fail(params!, m.xmlError(`cannot parse ${label} parameter as a uuid`));
  };
  const managerId = number('managerid', 0xff, 'value of managerid out of range');
  const typeId = number('typeid', 0xffffff, 'value for typeid out of range');
  const typeIdVersion = number('typeidversion', 0xff, 'value of typeidversion out of range');
  const instanceId = uuid('instanceid', 'instanceid');
  const profileId = prop(params, 'profileid');
  // LIBVIRT_IFLA_VF_PORT_PROFILE_MAX is 40 bytes including the terminating NUL.
  if (profileId !== undefined && Buffer.byteLength(profileId) >= 40) ctx.fail(params!, m.xmlError('profileid parameter too long'));
  const interfaceId = uuid('interfaceid', 'interfaceid');
  Object.assign(def, Object.fromEntries(Object.entries({ managerId, typeId, typeIdVersion, instanceId, profileId: profileId || undefined, interfaceId }).filter(([, v]) => v !== undefined)));
  // virNetDevVPortProfileCheckNoExtras
  const extras: Record<string, readonly (keyof VirtualPortDef)[]> = {
    '802.1Qbg': ['profileId', 'interfaceId'],
    '802.1Qbh': ['managerId', 'typeId', 'typeIdVersion', 'instanceId', 'interfaceId'],
    openvswitch: ['managerId', 'typeId', 'typeIdVersion', 'instanceId'],
  };
  const extra = (extras[def.type ?? ''] ?? []).find((key) => def[key] !== undefined);
  if (extra) ctx.fail(node, m.xmlError(`extra ${extra.toLowerCase()} unsupported in <virtualport type='${def.type}'>`));
  return def;
}
