import { libvirtMessage as m } from './libvirt-message.js';
import { prop, type ParseContext } from './parse-context.js';
import { textContent, type XmlElement } from './read-xml.js';

/** virScaleInteger's multiplier for a unit suffix (default KiB for memory), or null when unknown. */
export function memoryUnitScale(unit: string | undefined): bigint | null {
  if (unit === undefined || unit === '') return 1024n;
  const lower = unit.toLowerCase();
  if (lower === 'b' || lower === 'byte' || lower === 'bytes') return 1n;
  const rest = unit.slice(1);
  let base: bigint;
  if (rest === '' || rest.toLowerCase() === 'ib') base = 1024n;
  else if (rest.toLowerCase() === 'b') base = 1000n;
  else return null;
  const power = 'kmgtpe'.indexOf(lower[0]!);
  return power === -1 ? null : base ** BigInt(power + 1);
}

/**
 * virDomainParseMemory: `<memory unit='MiB'>64</memory>` in KiB, rounded up to whole KiB
 * (VIR_DIV_UP) as libvirt stores it; null when the element is absent.
 */
export function parseScaledMemory(ctx: ParseContext, node: XmlElement | undefined, xpath: string): number | null {
  if (!node) return null;
  const text = textContent(node).trim();
  if (!/^\+?\d+$/.test(text)) ctx.fail(node, m.xmlError(`could not parse element ${xpath}`));
  const unit = prop(node, 'unit');
  const scale = memoryUnitScale(unit);
  if (scale === null) ctx.fail(node, m.invalidArg(`unknown suffix '${unit}'`));
  const bytes = BigInt(text.replace('+', '')) * scale;
  const kib = (bytes + 1023n) / 1024n;
  // VIR_DOMAIN_MEMORY_PARAM_UNLIMITED / 1024: what fits libvirt's unsigned long long KiB limit.
  if (kib > 9007199254740991n) ctx.fail(node, m.xmlError(`size must be less than ${9007199254740991n} KiB`));
  return Number(kib);
}
