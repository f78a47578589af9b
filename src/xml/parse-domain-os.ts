import { OS_CHILD_ORDER, type DomainCpuDef, type DomainOsDef } from '../model/domain-def.js';
import type { DomainParseContext } from './domain-parse-context.js';
import { libvirtMessage as m } from './libvirt-message.js';
import { child, children, prop } from './parse-context.js';
import { textContent, type XmlElement } from './read-xml.js';
import { toVerbatim } from './to-verbatim.js';

const OS_TYPES = ['hvm', 'xen', 'linux', 'exe', 'uml', 'xenpvh'];
const BOOT_DEVICES = ['fd', 'cdrom', 'hd', 'network'];

/** `<os>` (virDomainDefParseOs / virDomainDefParseBootOptions); `domain` locates a missing `<os>`. */
export function parseDomainOs(ctx: DomainParseContext, node: XmlElement | undefined, domain: XmlElement): DomainOsDef {
  const known = node ? ctx.knownChildren(node, OS_CHILD_ORDER, '<os>') : [];
  const typeNode = child(node, 'type');
  const type = typeNode ? textContent(typeNode).trim() : '';
  // virDomainDefParseCaps: no ./os/type at all (no <os> either) is the same error.
  if (type === '') ctx.fail(node ?? domain, m.xmlError('an os <type> must be specified'));
  if (!OS_TYPES.includes(type)) ctx.fail(typeNode!, `unknown OS type ${type}`);
  const bootDevs: string[] = [];
  for (const boot of children(node, 'boot')) {
    const dev = prop(boot, 'dev');
    if (dev === undefined) ctx.fail(boot, m.internal('missing boot device'));
    if (!BOOT_DEVICES.includes(dev)) ctx.fail(boot, m.internal(`unknown boot device '${dev}'`));
    // VIR_DOMAIN_BOOT_LAST: at most 4 boot devices are read.
    if (bootDevs.length < 4) bootDevs.push(dev);
  }
  const init = child(node, 'init');
  return {
    // libvirt stores xen's historical 'linux' as 'xen' (virDomainDefParseCaps).
    type: type === 'linux' ? 'xen' : type,
    arch: prop(typeNode, 'arch') ?? null,
    machine: prop(typeNode, 'machine') ?? null,
    firmware: prop(node, 'firmware') ?? null,
    bootDevs,
    init: init ? textContent(init) : null,
    others: known.filter((el) => !['type', 'boot', 'init'].includes(el.name)).map((el) => toVerbatim(el)),
  };
}

const CPU_CHILDREN = ['model', 'vendor', 'topology', 'cache', 'maxphysaddr', 'feature', 'numa'];

/** `<cpu>` of a guest (virCPUDefParseXML, VIR_CPU_TYPE_GUEST). */
export function parseDomainCpu(ctx: DomainParseContext, node: XmlElement | undefined): DomainCpuDef | null {
  if (!node) return null;
  ctx.knownChildren(node, CPU_CHILDREN, '<cpu>');
  const modelNode = child(node, 'model');
  const model = modelNode && textContent(modelNode).trim() !== ''
    ? { name: textContent(modelNode).trim(), fallback: prop(modelNode, 'fallback') ?? null, vendorId: prop(modelNode, 'vendor_id') ?? null }
    : null;
  const features = children(node, 'feature').map((f) => {
    const name = prop(f, 'name');
    if (name === undefined) ctx.fail(f, m.xmlError('Invalid CPU feature name'));
    return { policy: prop(f, 'policy') ?? 'require', name };
  });
  const vendor = child(node, 'vendor');
  return {
    mode: prop(node, 'mode') ?? null,
    match: prop(node, 'match') ?? null,
    check: prop(node, 'check') ?? null,
    migratable: prop(node, 'migratable') ?? null,
    model,
    vendor: vendor ? textContent(vendor) : null,
    features,
    others: node.children
      .filter((c): c is XmlElement => c.kind === 'element' && ['topology', 'cache', 'maxphysaddr', 'numa'].includes(c.name))
      .map((c) => toVerbatim(c)),
  };
}
