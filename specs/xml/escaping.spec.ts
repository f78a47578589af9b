import { describe, expect, it } from 'vitest';
import { escapeXmlString } from '../../src/xml/escape-xml-string.js';
import { formatHookData } from '../../src/xml/format-hook-data.js';
import { formatNetwork, formatNetworkInto } from '../../src/xml/format-network.js';
import { parseNetworkXml } from '../../src/xml/parse-network.js';
import { XmlBuffer } from '../../src/xml/xml-buffer.js';

describe('escapeXmlString follows virBufferEscapeString', () => {
  it('turns & < > " \' into entities, in attributes and text alike', () => {
    expect(escapeXmlString(`a&b<c>d"e'f`)).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;f');
  });

  it('drops the control characters libvirt forbids and keeps tab, newline, CR and 0x1A-0x1F', () => {
    expect(escapeXmlString('a\x01\x08\x0b\x0c\x0e\x19b\t\n\r\x1a\x1fc')).toBe('ab\t\n\r\x1a\x1fc');
  });

  it('leaves non-ASCII text alone', () => {
    expect(escapeXmlString('réseau ☃')).toBe('réseau ☃');
  });
});

describe('names and descriptions are escaped when formatted', () => {
  const xml = `<network>
  <name>a &amp; b &lt;c&gt; "d" 'e'</name>
  <uuid>6a1f0c0e-0000-4000-8000-0000000000d0</uuid>
  <title>T &amp; "t"</title>
  <description>line one &lt;1&gt;
line two &amp; 'quotes'</description>
  <bridge name='x'/>
</network>`;
  const def = parseNetworkXml(xml, 'esc.xml');

  it('escapes the name (virBufferEscapeString)', () => {
    expect(formatNetwork(def)).toContain(`<name>a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;</name>`);
  });

  it('prints title and description only from libvirt 9.7, escaped', () => {
    expect(formatNetwork(def)).not.toContain('<title>');
    const text = formatNetwork(def, { version: '9.7' });
    expect(text).toContain('  <title>T &amp; &quot;t&quot;</title>\n');
    expect(text).toContain("  <description>line one &lt;1&gt;\nline two &amp; &apos;quotes&apos;</description>\n");
  });

  it('keeps a multi-line description unindented inside <hookData>, as virBuffer does', () => {
    const direct = new XmlBuffer(2);
    formatNetworkInto(direct, def, { version: '9.7' });
    expect(formatHookData([formatNetwork(def, { version: '9.7' })])).toBe(`<hookData>\n${direct.content()}</hookData>`);
    expect(direct.content()).toContain('\nline two');
  });
});

describe('metadata inside <hookData>', () => {
  it('is re-indented by libxml2 for its level, except inside mixed content', () => {
    const def = parseNetworkXml(`<network>
  <name>m</name>
  <uuid>6a1f0c0e-0000-4000-8000-0000000000d1</uuid>
  <metadata>
    <a:x xmlns:a="urn:a"><a:y>text
on two lines</a:y><a:z/></a:x>
    <b:x xmlns:b="urn:b"><b:y/></b:x>
  </metadata>
  <bridge name='m0'/>
</network>`, 'md.xml');
    const direct = new XmlBuffer(2);
    formatNetworkInto(direct, def);
    expect(formatHookData([formatNetwork(def)])).toBe(`<hookData>\n${direct.content()}</hookData>`);
    expect(direct.content()).toContain('    <metadata>\n      <a:x xmlns:a="urn:a">\n        <a:y>text\non two lines</a:y>\n        <a:z/>\n      </a:x>\n      <b:x xmlns:b="urn:b">\n        <b:y/>\n      </b:x>\n    </metadata>\n');
  });
});
