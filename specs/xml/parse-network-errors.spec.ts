import { describe, expect, it } from 'vitest';
import { VirthookError } from '../../src/errors/virthook-error.js';
import { parseNetworkXml } from '../../src/xml/parse-network.js';

function failure(xml: string, file = 'net.xml'): VirthookError {
  try {
    parseNetworkXml(xml, file);
  } catch (error) {
    if (error instanceof VirthookError) return error;
    throw error;
  }
  throw new Error('expected parseNetworkXml to throw');
}

const net = (body: string, attrs = '') => `<network${attrs}>\n  <name>n1</name>\n${body}</network>\n`;

describe('malformed XML', () => {
  it('names file:line:column (the end of the tag left open)', () => {
    const error = failure('<network>\n  <name>x</name>\n  <bridge name="a">\n</network>\n', 'conf/bad.xml');
    expect(error.code).toBe('XML_MALFORMED');
    expect(error.problems[0]).toMatchObject({ file: 'conf/bad.xml', line: 3, column: 20 });
    expect(error.message).toContain('conf/bad.xml:3:20');
  });

  it('refuses an undefined entity, as libxml2 does', () => {
    expect(failure(net('  <title>&nope;</title>\n')).code).toBe('XML_MALFORMED');
  });

  it('refuses an empty document', () => {
    expect(failure('').code).toBe('XML_MALFORMED');
  });
});

describe('unknown elements and attributes', () => {
  it('reports every unknown element with its line, never dropping it', () => {
    const error = failure(net('  <bridge name="b0"/>\n  <bandwith/>\n  <ip address="10.0.0.1">\n    <dchp/>\n  </ip>\n'));
    expect(error.code).toBe('XML_UNKNOWN_ELEMENT');
    expect(error.problems.map((p) => [p.line, p.message])).toEqual([
      [4, expect.stringContaining("<bandwith> inside <network>: libvirt's network format has no such element (did you mean 'bandwidth'?)")],
      [6, expect.stringContaining("<dchp> inside <ip>: libvirt's network format has no such element (did you mean 'dhcp'?)")],
    ]);
    expect(error.problems.every((p) => p.file === 'net.xml')).toBe(true);
  });

  it('reports unknown attributes on the element that carries them', () => {
    const error = failure(net('  <bridge name="b0" stpp="on"/>\n'));
    expect(error.code).toBe('XML_UNKNOWN_ATTRIBUTE');
    expect(error.problems).toEqual([expect.objectContaining({ line: 3, message: expect.stringContaining("'stpp' on <bridge>") })]);
  });

  it('accepts namespace declarations and anything inside <metadata>', () => {
    expect(() => parseNetworkXml(net('  <metadata><a:x xmlns:a="urn:a" any="1"><a:y/></a:x></metadata>\n', ' xmlns:z="urn:z"'), 'n.xml')).not.toThrow();
  });

  it('refuses another root element, in libvirt\'s words', () => {
    const error = failure('<domain/>');
    expect(error.code).toBe('XML_UNKNOWN_ELEMENT');
    expect(error.problems[0]!.message).toBe("XML error: expecting root element of 'network', not 'domain'");
  });

  it('flags a repeated element libvirt would silently ignore', () => {
    const error = failure(net('  <bridge name="a"/>\n  <bridge name="b"/>\n'));
    expect(error.code).toBe('XML_INVALID_VALUE');
    expect(error.problems[0]).toMatchObject({ line: 4 });
  });
});

describe('invalid values, in libvirt 9.0\'s words', () => {
  const cases: [string, string, number, string][] = [
    ['bad mac', net("  <mac address='zz:54:00:00:00:01'/>\n"), 3, "XML error: Invalid bridge mac address 'zz:54:00:00:00:01' in network 'n1'"],
    ['multicast mac', net("  <mac address='01:00:5e:00:00:01'/>\n"), 3, "XML error: Invalid multicast bridge mac address '01:00:5e:00:00:01' in network 'n1'"],
    ['bad ip', net("  <ip address='192.168.1.300'/>\n"), 3, "XML error: Invalid address '192.168.1.300' in network 'n1'"],
    ['bad uuid', "<network>\n  <name>n1</name>\n  <uuid>not-a-uuid</uuid>\n</network>", 3, 'internal error: malformed uuid element'],
    ['unknown forward mode', net("  <forward mode='tunnel'/>\n"), 3, "unsupported configuration: unknown forwarding type 'tunnel'"],
    ['missing name', '<network>\n  <uuid>6a1f0c0e-0000-4000-8000-000000000001</uuid>\n</network>', 1, 'missing name information'],
    ['nat without ip', net("  <forward mode='nat'/>\n"), 3, "XML error: nat forwarding requested, but no IP address provided for network 'n1'"],
    ['dhcp range outside', net("  <ip address='10.1.0.1' prefix='24'>\n    <dhcp>\n      <range start='10.2.0.2' end='10.2.0.9'/>\n    </dhcp>\n  </ip>\n"), 5,
      'internal error: range 10.2.0.2 - 10.2.0.9 is not entirely within network 10.1.0.1/24'],
    ['bad delay', net("  <bridge name='b' delay='-1'/>\n"), 3, "XML error: Invalid delay value in network 'n1'"],
    ['bad tristate', net("  <port isolated='maybe'/>\n"), 3, "XML error: Invalid value for attribute 'isolated' in element 'port': 'maybe'."],
  ];
  it.each(cases)('%s', (_, xml, line, message) => {
    const error = failure(xml);
    expect(error.code).toBe('XML_INVALID_VALUE');
    expect(error.problems[0]).toEqual({ file: 'net.xml', line, column: expect.any(Number), message });
  });

  it('reports problems of independent sections together', () => {
    const error = failure(net("  <mac address='nope'/>\n  <mtu size='big'/>\n  <ip address='1.2.3.4.5'/>\n"));
    expect(error.problems.map((p) => p.line)).toEqual([3, 4, 5]);
  });
});
