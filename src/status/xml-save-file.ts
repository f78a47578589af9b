/** virXMLPickShellSafeComment: the first of two strings a shell could take as one word, without `--`. */
export function pickShellSafeComment(first: string, second: string): string | null {
  const unsafe = /[\r\t\n !"#$&'()*;<>?[\\\]^`{|}~]/;
  for (const s of [first, second]) if (!unsafe.test(s) && !s.includes('--')) return s;
  return null;
}

/**
 * virXMLSaveFile's bytes: virXMLEmitWarning's comment (`virsh COMMAND NAME`, the name left out
 * when none is shell-safe), a blank line, then the XML exactly as formatted (no newline added).
 */
export function xmlSaveFileText(warnName: string | null, command: string, xml: string): string {
  return '<!--\n'
    + 'WARNING: THIS IS AN AUTO-GENERATED FILE. CHANGES TO IT ARE LIKELY TO BE\n'
    + 'OVERWRITTEN AND LOST. Changes to this xml configuration should be made using:\n'
    + `  virsh ${command}${warnName === null ? '' : ` ${warnName}`}\n`
    + 'or other application using the libvirt API.\n'
    + '-->\n\n'
    + xml;
}
