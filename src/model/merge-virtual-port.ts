import type { VirtualPortDef } from './network-def.js';
import type { SeededRandom } from './seeded-random.js';

/** virNetDevVPortTypeToString (NONE is `none`). */
const typeName = (type: VirtualPortDef['type']): string => type ?? 'none';

type Field = 'managerId' | 'typeId' | 'typeIdVersion' | 'instanceId' | 'interfaceId' | 'profileId';

// virNetDevVPortProfileMerge: which port types carry each parameter, and its name in the error.
const FIELDS: ReadonlyArray<readonly [Field, readonly (VirtualPortDef['type'])[], string, boolean]> = [
  ['managerId', ['802.1Qbg', undefined], 'managerids', false],
  ['typeId', ['802.1Qbg', undefined], 'typeids', false],
  ['typeIdVersion', ['802.1Qbg', undefined], 'typeidversions', false],
  ['instanceId', ['802.1Qbg', undefined], 'instanceids', true],
  ['interfaceId', ['openvswitch', 'midonet', undefined], 'interfaceids', true],
  ['profileId', ['openvswitch', '802.1Qbh', undefined], 'profileids', true],
];

function merge(orig: VirtualPortDef, mods: VirtualPortDef | undefined): VirtualPortDef | string {
  if (!mods) return orig;
  let type = orig.type;
  if (mods.type !== undefined) {
    if (type !== undefined && type !== mods.type) {
      return `XML error: attempt to merge virtualports with mismatched types (${typeName(type)} and ${typeName(mods.type)})`;
    }
    type = mods.type;
  }
  let out: VirtualPortDef = { ...orig, ...(type === undefined ? {} : { type }) };
  for (const [field, types, plural, quoted] of FIELDS) {
    const value = mods[field];
    if (value === undefined || !types.includes(type)) continue;
    const have = out[field];
    if (have !== undefined && have !== value) {
      const show = (v: string | number) => (quoted ? `'${v}'` : String(v));
      return `XML error: attempt to merge virtualports with mismatched ${plural} (${show(have)} and ${show(value)})`;
    }
    out = { ...out, [field]: value };
  }
  return out;
}

/**
 * virNetDevVPortProfileMerge3: the interface's virtualport, completed by the network's then the
 * portgroup's; undefined when none of them has one; a libvirt error text when they conflict.
 */
export function mergeVirtualPort(
  fromInterface: VirtualPortDef | undefined,
  fromNetwork: VirtualPortDef | undefined,
  fromPortgroup: VirtualPortDef | undefined,
): VirtualPortDef | undefined | { readonly error: string } {
  if (!fromInterface?.type && !fromNetwork?.type && !fromPortgroup?.type) return undefined;
  let result: VirtualPortDef | string = { ...(fromInterface ?? {}) };
  for (const mods of [fromNetwork, fromPortgroup]) {
    result = merge(result, mods);
    if (typeof result === 'string') return { error: result };
  }
  return result;
}

/**
 * virNetDevVPortProfileCheckComplete(generateMissing=true): 802.1Qbg needs managerid, typeid and
 * typeidversion (an instanceid is generated), 802.1Qbh a profileid, openvswitch gets a generated
 * interfaceid, midonet needs one. Returns the completed port, or libvirt's error text.
 */
export function completeVirtualPort(port: VirtualPortDef | undefined, random?: SeededRandom): VirtualPortDef | undefined | { readonly error: string } {
  if (!port?.type) return port;
  const missing = (name: string) => ({ error: `XML error: missing ${name} in <virtualport type='${port.type}'>` });
  switch (port.type) {
    case '802.1Qbg':
      if (port.managerId === undefined) return missing('managerid');
      if (port.typeId === undefined) return missing('typeid');
      if (port.typeIdVersion === undefined) return missing('typeidversion');
      return port.instanceId !== undefined || !random ? port : { ...port, instanceId: random.uuid() };
    case '802.1Qbh':
      return port.profileId === undefined || port.profileId === '' ? missing('profileid') : port;
    case 'openvswitch':
      return port.interfaceId !== undefined || !random ? port : { ...port, interfaceId: random.uuid() };
    case 'midonet':
      return port.interfaceId === undefined ? missing('interfaceid') : port;
  }
}
