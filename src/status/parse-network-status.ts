import { VirthookError } from '../errors/virthook-error.js';
import type { NetworkDef } from '../model/network-def.js';
import { parseCInteger } from '../xml/c-integer.js';
import { libvirtMessage as m } from '../xml/libvirt-message.js';
import { children, prop } from '../xml/parse-context.js';
import { parseNetworkElement } from '../xml/parse-network.js';
import { readXml, type XmlElement } from '../xml/read-xml.js';
import { parseBitmap } from './class-id-bitmap.js';

/** What virNetworkLoadState takes from a status file. */
export interface LoadedNetworkStatus {
  /** The running definition. */
  readonly live: NetworkDef;
  readonly tainted: boolean;
  readonly classIds: ReadonlySet<number>;
  readonly floorSum: number;
}

function fail(file: string, node: XmlElement | null, message: string): never {
  throw new VirthookError('XML_INVALID_VALUE', `Invalid network status file ${file}: ${message}`, {
    problems: [{ file, ...(node ? { line: node.line, column: node.column } : {}), message }],
  });
}

// virXPathNode("//network"): the first <network> in document order.
function firstNetwork(node: XmlElement): XmlElement | undefined {
  if (node.localName === 'network' && node.namespaceURI === null) return node;
  for (const c of node.children) {
    const found = c.kind === 'element' ? firstNetwork(c) : undefined;
    if (found) return found;
  }
  return undefined;
}

/**
 * virNetworkLoadState: the `<network>` anywhere in the file is the running definition (its name
 * must be the file's), then a `<networkstatus>` root gives the tc class bitmap, the floor sum and
 * the taints. Throws VirthookError (XML_MALFORMED, XML_INVALID_VALUE ...) where libvirt fails;
 * `connections` is never read back.
 */
export function parseNetworkStatus(text: string, file: string, name: string): LoadedNetworkStatus {
  const root = readXml(text, file);
  const node = firstNetwork(root) ?? fail(file, root, m.internal("Could not find any 'network' element in status file"));
  const live = parseNetworkElement(node, file);
  if (live.name !== name) fail(file, node, m.internal(`Network config filename '${file}' does not match network name '${live.name}'`));
  let tainted = false;
  let classIds: ReadonlySet<number> = new Set([0, 1, 2]);
  let floorSum = 0;
  if (root.localName === 'networkstatus') {
    const classNode = children(root, 'class_id')[0];
    const bitmap = prop(classNode, 'bitmap');
    if (bitmap) classIds = parseBitmap(bitmap) ?? fail(file, classNode!, m.invalidArg(`Failed to parse bitmap '${bitmap}'`));
    const floorNode = children(root, 'floor')[0];
    const sum = prop(floorNode, 'sum');
    if (sum) floorSum = parseCInteger(sum, 'ullp') ?? fail(file, floorNode!, m.internal(`Malformed 'floor_sum' attribute: ${sum}`));
    for (const taint of children(root, 'taint')) {
      const flag = prop(taint, 'flag');
      if (flag === undefined) continue;
      // virNetworkTaint knows one flag.
      if (flag !== 'hook-script') fail(file, taint, m.configUnsupported(`Unknown taint flag ${flag}`));
      tainted = true;
    }
  }
  return { live, tainted, classIds, floorSum };
}
