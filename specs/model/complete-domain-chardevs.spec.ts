import { describe, expect, it } from 'vitest';
import { completeDomainDef } from '../../src/model/complete-domain-def.js';
import type { DomainDef } from '../../src/model/domain-def.js';
import { beginDomainStart, prepareDomain, releaseDomain, stopDomain } from '../../src/model/domain-stage.js';
import { openPtys, ptysInUse } from '../../src/model/pty-chardevs.js';
import { seededRandom } from '../../src/model/seeded-random.js';
import { formatDomain } from '../../src/xml/format-domain.js';
import { parseDomainXml } from '../../src/xml/parse-domain.js';

const define = (devices: string) => completeDomainDef(parseDomainXml(`<domain type='qemu'><name>g</name><memory unit='MiB'>64</memory>
  <os><type arch='x86_64' machine='pc'>hvm</type></os><devices>${devices}<memballoon model='none'/></devices></domain>`, 'g.xml'), { random: seededRandom('c') });
const chardevs = (def: DomainDef) => /(?: {4}<serial[\s\S]*<\/console>\n)/.exec(formatDomain(def))?.[0] ?? '';

// Recorded (differential-guests, dd-disk and dd-q35): libvirt 9.0 on x86 hvm qemu guests.
const DEFINED = `    <serial type='pty'>
      <target type='isa-serial' port='0'>
        <model name='isa-serial'/>
      </target>
    </serial>
    <console type='pty'>
      <target type='serial' port='0'/>
    </console>
`;

describe('completeDomainChardevs (qemuDomainChrDefPostParse, virDomainDefAddConsoleCompat)', () => {
  it('gives serials an isa-serial target and model, and a serial console the serial port', () => {
    expect(chardevs(define("<serial type='pty'/><console type='pty'/>"))).toBe(DEFINED);
    expect(chardevs(define("<serial type='pty'><target port='0'/></serial><console type='pty'><target type='serial' port='0'/></console>"))).toBe(DEFINED);
  });

  it('adds the console a lone isa-serial lacks, and the serial a lone serial console stands for', () => {
    expect(chardevs(define("<serial type='pty'/>"))).toBe(DEFINED);
    expect(chardevs(define("<console type='pty'/>"))).toBe(DEFINED);
  });

  it('numbers further serials on the next free port', () => {
    const xml = chardevs(define("<serial type='pty'><target port='0'/></serial><serial type='pty'/>"));
    expect([...xml.matchAll(/<target type='isa-serial' port='(\d)'>/g)].map((m) => m[1])).toEqual(['0', '1']);
  });

  it('the console shows serial 0 at runtime: its alias, its pty path (with tty=), both gone once stopped', () => {
    const running = openPtys(prepareDomain(beginDomainStart(define("<serial type='pty'/><console type='pty'/>"), 1)), new Set([0]));
    expect(chardevs(running)).toBe(`    <serial type='pty'>
      <source path='/dev/pts/1'/>
      <target type='isa-serial' port='0'>
        <model name='isa-serial'/>
      </target>
      <alias name='serial0'/>
    </serial>
    <console type='pty' tty='/dev/pts/1'>
      <source path='/dev/pts/1'/>
      <target type='serial' port='0'/>
      <alias name='serial0'/>
    </console>
`);
    expect(ptysInUse([running])).toEqual(new Set([1]));
    for (const stopped of [stopDomain(running), releaseDomain(running)]) {
      expect(chardevs(stopped)).not.toContain('/dev/pts');
    }
  });
});
