import { describe, expect, it } from 'vitest';
import { checkStdin } from '../../src/assertions/check-stdin.js';
import { xpathSyntaxError } from '../../src/assertions/evaluate-xpath.js';
import { oracleInvocations } from './oracle-invocations.js';

// The `start` stdin libvirt 9.0.0 gave the network hook for lvo-iso (oracle scenario a).
const stdin = oracleInvocations('a-network-lifecycle').find((i) => i.argv[0] === 'lvo-iso' && i.argv[1] === 'start')!.stdin;
const natStarted = oracleInvocations('a-network-lifecycle').find((i) => i.argv[0] === 'lvo-nat' && i.argv[1] === 'started')!.stdin;

describe('checkStdin', () => {
  it('passes the exact document and fails on a single byte of difference', () => {
    expect(checkStdin(stdin, { equals: stdin })).toEqual([]);
    expect(checkStdin(stdin, { equals: `${stdin} ` })).toHaveLength(1);
  });

  it('shows an XML diff of both sides pretty-printed when the documents differ', () => {
    const expected = stdin.replace("stp='on'", "stp='off'");
    const [failure] = checkStdin(stdin, { equals: expected, equalsFile: 'expected/start.xml' });
    expect(failure!.message).toBe('stdin differs from the expected document (expected/start.xml)');
    expect(failure!.diff).toMatchInlineSnapshot(`
      [
        "--- expected",
        "+++ actual",
        "@@ -2,7 +2,7 @@",
        "   <network>",
        "     <name>lvo-iso</name>",
        "     <uuid>6a1f0c0e-0000-4000-8000-000000000001</uuid>",
        "-    <bridge name='lvoiso0' stp='off' delay='0'/>",
        "+    <bridge name='lvoiso0' stp='on' delay='0'/>",
        "     <mac address='52:54:00:aa:00:01'/>",
        "   </network>",
        " </hookData>",
      ]
    `);
  });

  it('says when documents differ only in formatting, and hints at a final newline', () => {
    const [failure] = checkStdin(stdin, { equals: `${stdin}\n` });
    expect(failure!.message).toContain('only in formatting');
    expect(failure!.hint).toContain('|-');
    expect(failure!.diff).toContain('-');
  });

  it('checks a substring', () => {
    expect(checkStdin(stdin, { contains: "<name>lvo-iso</name>" })).toEqual([]);
    expect(checkStdin(stdin, { contains: '<forward' })[0]!.path).toBe('stdin.contains');
  });

  it('compares XPath results by the expected value type', () => {
    const pass = checkStdin(natStarted, {
      xpath: {
        '/hookData/network/name': 'lvo-nat',
        'string(/hookData/network/forward/@mode)': 'nat',
        'count(/hookData/network/ip/dhcp/range)': 1,
        '/hookData/network/forward/nat/port/@start': 1024,
        '/hookData/network/forward/nat': true,
        '/hookData/network/portgroup': false,
        '/hookData/network/ip/dhcp/range/@*': ['192.0.2.100', '192.0.2.200'],
      },
    });
    expect(pass).toEqual([]);
    const fail = checkStdin(natStarted, { xpath: { '/hookData/network/name': 'lvo-iso', '/hookData/network/bandwidth': 'x', 'count(//ip)': 2 } });
    expect(fail.map((f) => [f.path, f.actual])).toEqual([
      ['stdin.xpath["/hookData/network/name"]', 'lvo-nat'],
      ['stdin.xpath["/hookData/network/bandwidth"]', '(no node matched)'],
      ['stdin.xpath["count(//ip)"]', '1'],
    ]);
  });

  it('resolves the namespace prefixes the document declares', () => {
    const doc = "<hookData>\n  <network xmlns:dnsmasq='http://libvirt.org/schemas/network/dnsmasq/1.0'>\n    <dnsmasq:options>\n      <dnsmasq:option value='x=1'/>\n    </dnsmasq:options>\n  </network>\n</hookData>";
    expect(checkStdin(doc, { xpath: { '//dnsmasq:option/@value': 'x=1' } })).toEqual([]);
  });

  it('reports stdin that is not XML instead of throwing', () => {
    const [failure] = checkStdin('not xml', { xpath: { '/a': 'b' } });
    expect(failure!.message).toMatch(/^stdin is not well-formed XML/);
  });

  it('recognises XPath syntax errors for validation', () => {
    expect(xpathSyntaxError('/hookData/network[')).not.toBeNull();
    expect(xpathSyntaxError('count(//ip) > 0')).toBeNull();
  });
});
