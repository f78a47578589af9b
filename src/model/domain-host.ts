/**
 * What libvirt learns from the host and its QEMU (virCaps, virQEMUCaps, the security driver) and
 * writes into guest definitions. These are host facts, not libvirt rules: the defaults are the
 * recorded host (Debian 12, libvirt 9.0.0, QEMU 7.2, x86_64, TCG, DAC security driver only).
 */
export interface DomainHost {
  /** virArchFromHost: the arch a guest without `arch=` gets. */
  readonly arch: string;
  /** The machine type used when `<type>` has no `machine=` (virQEMUCapsGetPreferredMachine). */
  readonly defaultMachine: string;
  /** QEMU's machine aliases, resolved at define (virQEMUCapsGetCanonicalMachine). */
  readonly machineAliases: Readonly<Record<string, string>>;
  /** The emulator binary a qemu/kvm guest without `<emulator>` gets (virCapabilitiesDomainDataLookup). */
  readonly emulator: string;
  /** The lxc driver's emulator (libvirt_lxc). */
  readonly lxcEmulator: string;
  /** The CPU model QEMU reports as the machine's default (qemuDomainDefSetDefaultCPU). */
  readonly defaultCpuModel: string;
  /**
   * Features QEMU turns on beyond a named model, which qemuProcessUpdateGuestCPU writes into the
   * live `<cpu>` once QEMU runs (recorded: qemu64 under TCG gained hypervisor and lahf_lm).
   */
  readonly cpuFeaturesAtStart: Readonly<Record<string, readonly string[]>>;
  /** The DAC driver's `+uid:+gid` label for guests (the libvirt-qemu user), null without DAC. */
  readonly dacLabel: string | null;
  /** qemuDomainGetMemorySizeAlignment in KiB (1 MiB on x86). */
  readonly memoryAlignmentKib: number;
}

/** The recorded host of fixtures/oracle (see its README). */
export const RECORDED_DOMAIN_HOST: DomainHost = {
  arch: 'x86_64',
  defaultMachine: 'pc',
  machineAliases: { pc: 'pc-i440fx-7.2', q35: 'pc-q35-7.2' },
  emulator: '/usr/bin/qemu-system-x86_64',
  lxcEmulator: '/usr/lib/libvirt/libvirt_lxc',
  defaultCpuModel: 'qemu64',
  cpuFeaturesAtStart: { qemu64: ['hypervisor', 'lahf_lm'] },
  dacLabel: '+64055:+64055',
  memoryAlignmentKib: 1024,
};
