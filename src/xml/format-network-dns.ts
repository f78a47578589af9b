import type { NetworkDnsDef } from '../model/network-def.js';
import type { XmlBuffer } from './xml-buffer.js';

/** virNetworkDNSDefFormat: forwarders, txt, srv (only with service and protocol), then hosts. */
export function formatDns(buf: XmlBuffer, dns: NetworkDnsDef | undefined): void {
  if (!dns) return;
  const records = dns.forwarders.length + dns.txts.length + dns.srvs.length + dns.hosts.length;
  if (!(dns.enable || dns.forwardPlainNames || records)) return;
  let open = '<dns';
  if (dns.enable) open += ` enable='${dns.enable}'`;
  if (dns.forwardPlainNames) open += ` forwardPlainNames='${dns.forwardPlainNames}'`;
  if (records === 0) {
    buf.add(`${open}/>\n`);
    return;
  }
  buf.add(`${open}>\n`);
  buf.adjustIndent(2);
  for (const fwd of dns.forwarders) {
    buf.add('<forwarder');
    buf.addEscaped(" domain='%s'", fwd.domain);
    if (fwd.addr) buf.add(` addr='${fwd.addr}'`);
    buf.add('/>\n');
  }
  for (const txt of dns.txts) {
    buf.addEscaped("<txt name='%s' ", txt.name);
    buf.addEscaped("value='%s'/>\n", txt.value);
  }
  for (const srv of dns.srvs) {
    if (srv.service === undefined || srv.protocol === undefined) continue;
    buf.addEscaped("<srv service='%s' ", srv.service);
    buf.addEscaped("protocol='%s'", srv.protocol);
    buf.addEscaped(" domain='%s'", srv.domain);
    buf.addEscaped(" target='%s'", srv.target);
    if (srv.port) buf.add(` port='${srv.port}'`);
    if (srv.priority) buf.add(` priority='${srv.priority}'`);
    if (srv.weight) buf.add(` weight='${srv.weight}'`);
    buf.add('/>\n');
  }
  for (const host of dns.hosts) {
    // virSocketAddrFormat of an unset address is "(null)" through %s.
    buf.add(`<host ip='${host.ip ?? '(null)'}'>\n`);
    buf.adjustIndent(2);
    for (const name of host.hostnames) buf.addEscaped('<hostname>%s</hostname>\n', name);
    buf.adjustIndent(-2);
    buf.add('</host>\n');
  }
  buf.adjustIndent(-2);
  buf.add('</dns>\n');
}
