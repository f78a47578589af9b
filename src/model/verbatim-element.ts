/**
 * An XML element virthook keeps as written (libvirt knows it, virthook does not model it): its
 * name, attributes in document order, and children. It is re-emitted in libvirt's style (two-space
 * indentation, single-quoted attributes) at the place libvirt's format function puts it.
 */
export interface VerbatimElement {
  /** The qualified name as written, e.g. `disk` or `qemu:commandline`. */
  readonly name: string;
  readonly attributes: ReadonlyArray<readonly [string, string]>;
  readonly children: readonly VerbatimNode[];
}

/** A child of a verbatim element: an element, or character data (already unescaped). */
export type VerbatimNode = VerbatimElement | { readonly text: string };

/** Narrows a verbatim child to an element. */
export function isVerbatimElement(node: VerbatimNode): node is VerbatimElement {
  return 'name' in node;
}

/** The value of an attribute of a verbatim element, or null when absent. */
export function verbatimAttribute(element: VerbatimElement, name: string): string | null {
  const found = element.attributes.find(([key]) => key === name);
  return found ? found[1] : null;
}

/** The first child element with this name, or null. */
export function verbatimChild(element: VerbatimElement, name: string): VerbatimElement | null {
  for (const child of element.children) if (isVerbatimElement(child) && child.name === name) return child;
  return null;
}
