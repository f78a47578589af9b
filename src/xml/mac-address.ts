/**
 * virMacAddrParse: six groups of one or two hex digits separated by ':', optionally followed by
 * a character <= ' '. Returns the canonical lowercase `xx:xx:xx:xx:xx:xx` (virMacAddrFormat), or
 * null when libvirt would refuse it.
 */
export function parseMacAddress(text: string): string | null {
  const match = /^([0-9a-fA-F]{1,2}):([0-9a-fA-F]{1,2}):([0-9a-fA-F]{1,2}):([0-9a-fA-F]{1,2}):([0-9a-fA-F]{1,2}):([0-9a-fA-F]{1,2})(?:[\x00-\x20].*)?$/s.exec(text);
  if (!match) return null;
  return match.slice(1, 7).map((g) => g.toLowerCase().padStart(2, '0')).join(':');
}

/** virMacAddrIsMulticast: the low bit of the first octet. */
export function isMulticastMac(canonical: string): boolean {
  return (parseInt(canonical.slice(0, 2), 16) & 1) === 1;
}
