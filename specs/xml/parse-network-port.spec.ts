import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { VirthookError } from '../../src/errors/virthook-error.js';
import { formatNetworkPort } from '../../src/xml/format-network-port.js';
import { parseNetworkPortRequestXml, parseNetworkPortXml } from '../../src/xml/parse-network-port.js';
import { isRecord, readTrace } from '../support/oracle.js';
import { networkPortOf } from './domain-trace.js';

const LIBVIRT_DIR = fileURLToPath(new URL('../../fixtures/xml/libvirt-tests/networkport/', import.meta.url));
const TRACES_DIR = fileURLToPath(new URL('../../fixtures/oracle/traces/', import.meta.url));

/** Every distinct `<networkport>` a recorded hook received (inside `<hookData>`). */
function recordedPorts(): string[] {
  const ports = new Set<string>();
  for (const file of readdirSync(TRACES_DIR).filter((f) => f.endsWith('.jsonl'))) {
    for (const line of readTrace(file.replace(/\.jsonl$/, ''))) {
      if (isRecord(line) && line.stdin_text?.includes('<networkport>')) ports.add(networkPortOf(line.stdin_text));
    }
  }
  return [...ports];
}

const PORT = (body: string, head = "<uuid>5d744f21-ba4a-4d6e-bdb2-30a35ff3207d</uuid>\n  <owner>\n    <name>vm</name>\n    <uuid>d54df46f-1ab5-4a22-8618-4560ef5fac2c</uuid>\n  </owner>\n  <mac address='52:54:00:7b:35:93'/>\n") =>
  `<networkport>\n  ${head}${body}</networkport>\n`;

function failure(run: () => unknown): VirthookError {
  try {
    run();
  } catch (error) {
    if (error instanceof VirthookError) return error;
    throw error;
  }
  throw new Error('expected a VirthookError');
}

describe('parseNetworkPortXml round-trips through formatNetworkPort', () => {
  const recorded = recordedPorts();

  it('finds the recorded ports (port-created/port-deleted stdin of the oracle)', () => {
    expect(recorded.length).toBeGreaterThan(10);
  });

  it.each(recorded.map((text, i) => [i, text] as const))('recorded port #%i', (_i, text) => {
    expect(formatNetworkPort(parseNetworkPortXml(text, 'port.xml'))).toBe(text);
  });

  it.each(readdirSync(LIBVIRT_DIR))("libvirt 9.0's tests/virnetworkportxml2xmldata/%s", (file) => {
    const text = readFileSync(`${LIBVIRT_DIR}${file}`, 'utf8');
    expect(formatNetworkPort(parseNetworkPortXml(text, file))).toBe(text);
  });

  it('keeps the tc class of a port, and canonicalises uuid and mac as libvirt does', () => {
    const port = parseNetworkPortXml(PORT("  <bandwidth classID='3'>\n    <inbound average='10' floor='5'/>\n  </bandwidth>\n",
      "<uuid>5D744F21BA4A4D6EBDB230A35FF3207D</uuid>\n  <owner>\n    <name>vm</name>\n    <uuid>d54df46f-1ab5-4a22-8618-4560ef5fac2c</uuid>\n  </owner>\n  <mac address='52:54:0:7B:35:93'/>\n"), 'p.xml');
    expect(port).toMatchObject({ uuid: '5d744f21-ba4a-4d6e-bdb2-30a35ff3207d', mac: '52:54:00:7b:35:93', classId: 3, bandwidth: { inbound: { average: 10, floor: 5 } } });
  });

  it('reads a direct plug without mode as vepa and plug type none as no plug', () => {
    expect(parseNetworkPortXml(PORT("  <plug type='direct' dev='eth0'/>\n"), 'p.xml').plug).toEqual({ type: 'direct', dev: 'eth0', mode: 'vepa' });
    expect(parseNetworkPortXml(PORT("  <plug type='none'/>\n"), 'p.xml').plug).toBeUndefined();
  });
});

describe('parseNetworkPortXml refuses what virNetworkPortDefParseXML refuses', () => {
  it.each([
    ['no uuid', PORT('', "<owner>\n    <name>vm</name>\n    <uuid>d54df46f-1ab5-4a22-8618-4560ef5fac2c</uuid>\n  </owner>\n  <mac address='52:54:00:7b:35:93'/>\n"), 'internal error: network port has no uuid'],
    ['a bad uuid', PORT('', "<uuid>nope</uuid>\n  <owner>\n    <name>vm</name>\n    <uuid>d54df46f-1ab5-4a22-8618-4560ef5fac2c</uuid>\n  </owner>\n  <mac address='52:54:00:7b:35:93'/>\n"), "internal error: Unable to parse UUID 'nope'"],
    ['no owner name', PORT('', "<uuid>5d744f21-ba4a-4d6e-bdb2-30a35ff3207d</uuid>\n  <owner>\n    <uuid>d54df46f-1ab5-4a22-8618-4560ef5fac2c</uuid>\n  </owner>\n  <mac address='52:54:00:7b:35:93'/>\n"), 'internal error: network port has no owner name'],
    ['no mac', PORT('', "<uuid>5d744f21-ba4a-4d6e-bdb2-30a35ff3207d</uuid>\n  <owner>\n    <name>vm</name>\n    <uuid>d54df46f-1ab5-4a22-8618-4560ef5fac2c</uuid>\n  </owner>\n"), 'internal error: network port has no mac'],
    ['a bad plug type', PORT("  <plug type='tap'/>\n"), "XML error: Invalid value for attribute 'type' in element 'plug': 'tap'."],
    ['a bridge plug without bridge', PORT("  <plug type='bridge'/>\n"), 'XML error: Missing network port bridge name'],
    ['macTableManager default', PORT("  <plug type='network' bridge='b' macTableManager='default'/>\n"), "XML error: Invalid macTableManager setting 'default' in network port"],
    ['a direct plug without dev', PORT("  <plug type='direct' mode='vepa'/>\n"), 'XML error: Missing network port link device name'],
    ['a bad direct mode', PORT("  <plug type='direct' dev='e' mode='x'/>\n"), "XML error: Invalid mode setting 'x' in network port"],
    ['a hostdev plug without address', PORT("  <plug type='hostdev-pci'/>\n"), 'XML error: Missing network port PCI address'],
    ['a bad classID', PORT("  <bandwidth classID='-1'>\n    <inbound average='1'/>\n  </bandwidth>\n"), "XML error: Invalid value for attribute 'classID' in element 'bandwidth': '-1'. Expected non-negative integer value"],
    ['a bad trustGuest', PORT("  <rxfilters trustGuest='maybe'/>\n"), "XML error: Invalid value for attribute 'trustGuest' in element 'rxfilters': 'maybe'."],
  ])('%s', (_what, text, message) => {
    const error = failure(() => parseNetworkPortXml(text, 'port.xml'));
    expect(error.code).toBe('XML_INVALID_VALUE');
    expect(error.problems[0]).toMatchObject({ file: 'port.xml', message });
    expect(error.problems[0]!.line).toBeGreaterThan(0);
  });

  it('names the line of the offending element', () => {
    const error = failure(() => parseNetworkPortXml(PORT("  <plug type='direct' dev='e' mode='x'/>\n"), 'port.xml'));
    expect(error.problems[0]).toMatchObject({ line: 8 });
    expect(error.message).toContain('port.xml:8:');
  });

  it('refuses another root, unknown elements (strict) and malformed XML', () => {
    expect(failure(() => parseNetworkPortXml('<network/>', 'p.xml')).code).toBe('XML_UNKNOWN_ELEMENT');
    expect(failure(() => parseNetworkPortXml(PORT('  <plugg/>\n'), 'p.xml')).code).toBe('XML_UNKNOWN_ELEMENT');
    expect(failure(() => parseNetworkPortXml(PORT("  <plug type='bridge' bridge='b' colour='red'/>\n"), 'p.xml')).code).toBe('XML_UNKNOWN_ATTRIBUTE');
    expect(failure(() => parseNetworkPortXml('<networkport>', 'p.xml')).code).toBe('XML_MALFORMED');
  });

  it('ignores unknown elements when not strict, as libvirt does loading a status file', () => {
    expect(parseNetworkPortXml(PORT('  <plugg/>\n'), 'p.xml', { strict: false }).mac).toBe('52:54:00:7b:35:93');
  });
});

describe('parseNetworkPortRequestXml (virsh net-port-create files)', () => {
  it('accepts a request without uuid or plug, and keeps a plug for net-port-create to refuse', () => {
    const request = parseNetworkPortRequestXml("<networkport>\n  <owner>\n    <name>vm</name>\n    <uuid>d54df46f-1ab5-4a22-8618-4560ef5fac2c</uuid>\n  </owner>\n  <group>web</group>\n  <mac address='52:54:00:7b:35:93'/>\n</networkport>\n", 'req.xml');
    expect(request).toEqual({ owner: { name: 'vm', uuid: 'd54df46f-1ab5-4a22-8618-4560ef5fac2c' }, group: 'web', mac: '52:54:00:7b:35:93' });
    expect(parseNetworkPortRequestXml(PORT("  <plug type='bridge' bridge='b'/>\n"), 'req.xml')).toMatchObject({ uuid: '5d744f21-ba4a-4d6e-bdb2-30a35ff3207d', plug: { type: 'bridge', bridge: 'b' } });
  });

  it('drops the tc class a user may write (networkAllocatePort assigns its own)', () => {
    const request = parseNetworkPortRequestXml(PORT("  <bandwidth classID='9'>\n    <inbound average='1' floor='1'/>\n  </bandwidth>\n"), 'req.xml');
    expect(request).not.toHaveProperty('classId');
    expect(request.bandwidth).toEqual({ inbound: { average: 1, floor: 1 } });
  });
});
