import { describe, expect, it } from 'vitest';
import { formatBitmap, parseBitmap } from '../../src/status/class-id-bitmap.js';
import { pickShellSafeComment, xmlSaveFileText } from '../../src/status/xml-save-file.js';

describe('xmlSaveFileText follows virXMLSaveFile / virXMLEmitWarning', () => {
  it('writes the warning comment, a blank line, then the XML as given', () => {
    expect(xmlSaveFileText('default', 'net-edit', '<network/>\n')).toBe(
      '<!--\nWARNING: THIS IS AN AUTO-GENERATED FILE. CHANGES TO IT ARE LIKELY TO BE\n'
      + 'OVERWRITTEN AND LOST. Changes to this xml configuration should be made using:\n'
      + '  virsh net-edit default\nor other application using the libvirt API.\n-->\n\n<network/>\n',
    );
  });

  it('adds no newline after the XML and leaves the name out when there is none', () => {
    expect(xmlSaveFileText(null, 'edit', '<domstatus/>').endsWith('  virsh edit\nor other application using the libvirt API.\n-->\n\n<domstatus/>')).toBe(true);
  });

  it('picks the name when a shell can take it, else the UUID (virXMLPickShellSafeComment)', () => {
    expect(pickShellSafeComment('lvo-nat', 'u')).toBe('lvo-nat');
    expect(pickShellSafeComment('my net', 'u-1')).toBe('u-1');
    expect(pickShellSafeComment("it's", 'u')).toBe('u');
    expect(pickShellSafeComment('a--b', 'u')).toBe('u');
    expect(pickShellSafeComment('a b', 'c d')).toBeNull();
  });
});

describe('class id bitmaps (virBitmapFormat / virBitmapParseUnlimited)', () => {
  it('formats ranges and single bits', () => {
    expect(formatBitmap([0, 1, 2])).toBe('0-2');
    expect(formatBitmap([2, 0, 1, 5, 7, 8])).toBe('0-2,5,7-8');
    expect(formatBitmap([])).toBe('');
  });

  it('parses what it formats, negations and blanks, and refuses garbage', () => {
    expect([...parseBitmap('0-2,5,7-8')!]).toEqual([0, 1, 2, 5, 7, 8]);
    expect([...parseBitmap('0-4, ^2')!]).toEqual([0, 1, 3, 4]);
    expect(parseBitmap('0-x')).toBeNull();
    expect(parseBitmap('3-1')).toBeNull();
  });
});
