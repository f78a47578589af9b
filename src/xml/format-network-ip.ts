import type { DhcpLease, NetworkIpDef } from '../model/network-def.js';
import type { XmlBuffer } from './xml-buffer.js';

// The `<lease>` child of a range or host, which then loses its self-closing form.
function closeWithLease(buf: XmlBuffer, lease: DhcpLease | undefined, element: string): void {
  if (!lease) {
    buf.add('/>\n');
    return;
  }
  buf.add('>\n');
  buf.adjustIndent(2);
  buf.add(lease.expiry === 0 ? "<lease expiry='0'/>\n" : `<lease expiry='${lease.expiry}' unit='${lease.unit}'/>\n`);
  buf.adjustIndent(-2);
  buf.add(`</${element}>\n`);
}

/** virNetworkIPDefFormat (9.0): `<ip ...>` always has a closing tag, even when empty. */
export function formatIp(buf: XmlBuffer, ip: NetworkIpDef): void {
  let open = '<ip';
  if (ip.family) open += ` family='${ip.family}'`;
  open += ` address='${ip.address}'`;
  if (ip.netmask) open += ` netmask='${ip.netmask}'`;
  if (ip.prefix) open += ` prefix='${ip.prefix}'`;
  if (ip.localPtr) open += ` localPtr='${ip.localPtr}'`;
  buf.add(`${open}>\n`);
  buf.adjustIndent(2);
  buf.addEscaped("<tftp root='%s'/>\n", ip.tftp?.root);
  const { ranges, hosts, bootp } = ip.dhcp;
  if (ranges.length > 0 || hosts.length > 0) {
    buf.add('<dhcp>\n');
    buf.adjustIndent(2);
    for (const range of ranges) {
      buf.add(`<range start='${range.start}' end='${range.end}'`);
      closeWithLease(buf, range.lease, 'range');
    }
    for (const host of hosts) {
      // The mac, id and name are printed unescaped, as the user wrote them.
      let text = '<host';
      if (host.mac !== undefined) text += ` mac='${host.mac}'`;
      if (host.id !== undefined) text += ` id='${host.id}'`;
      if (host.name !== undefined) text += ` name='${host.name}'`;
      if (host.ip !== undefined) text += ` ip='${host.ip}'`;
      buf.add(text);
      closeWithLease(buf, host.lease, 'host');
    }
    if (bootp) {
      buf.addEscaped("<bootp file='%s'", bootp.file);
      buf.addEscaped(" server='%s'", bootp.server);
      buf.add('/>\n');
    }
    buf.adjustIndent(-2);
    buf.add('</dhcp>\n');
  }
  buf.adjustIndent(-2);
  buf.add('</ip>\n');
}
