import { formatLocation, VirthookError, type Problem } from '../errors/virthook-error.js';
import { ParseContext } from './parse-context.js';
import type { XmlElement } from './read-xml.js';

/**
 * A ParseContext for domain XML that also collects elements libvirt's domain format does not
 * know. libvirt's parser would ignore them silently, so the guest's hooks would never see what
 * the user meant; virthook reports them instead (most are typos).
 */
export class DomainParseContext extends ParseContext {
  readonly unknownElements: Problem[] = [];

  /** Records `node` as unknown where `where` (e.g. `<devices>`) expects something else. */
  unknown(node: XmlElement, where: string): void {
    this.unknownElements.push({ file: this.file, line: node.line, column: node.column, message: `unknown element <${node.name}> in ${where}` });
  }

  /** Records every child element whose name is not in `known`; returns the known ones. */
  knownChildren(node: XmlElement, known: readonly string[], where: string): XmlElement[] {
    const out: XmlElement[] = [];
    for (const c of node.children) {
      if (c.kind !== 'element') continue;
      if (c.namespaceURI === null && known.includes(c.localName)) out.push(c);
      else this.unknown(c, where);
    }
    return out;
  }

  /** Throws what was found: unknown elements first (XML_UNKNOWN_ELEMENT), then refused values. */
  throwProblems(what: string): void {
    if (this.unknownElements.length > 0) {
      raise('XML_UNKNOWN_ELEMENT', byPosition(this.unknownElements), 'Unknown element', 'Check the spelling against https://libvirt.org/formatdomain.html.');
    }
    if (this.problems.length > 0) raise('XML_INVALID_VALUE', byPosition(this.problems), `Invalid ${what}`, 'Fix the value libvirt refuses.');
  }
}

const byPosition = (problems: readonly Problem[]) =>
  [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));

function raise(code: 'XML_UNKNOWN_ELEMENT' | 'XML_INVALID_VALUE', problems: readonly Problem[], what: string, hint: string): never {
  const first = problems[0]!;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  throw new VirthookError(code, `${what} in ${formatLocation(first)}: ${first.message}${more}. ${hint}`, { problems });
}
