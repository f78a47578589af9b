import { stepVerb } from '../../src/scenario/build-command.js';
import { STEP_VERBS } from '../../src/scenario/step-schema.js';
import { describe, expect, it } from 'vitest';
import { formatLocation, VirthookError } from '../../src/errors/virthook-error.js';
import { parseScenarioSource } from '../../src/scenario/parse-scenario-source.js';
import { validateScenario } from '../../src/scenario/validate-scenario.js';

function problemsOf(text: string, file = 'net.yaml'): string[] {
  try {
    validateScenario(parseScenarioSource(text, file), file);
  } catch (error) {
    expect(error).toBeInstanceOf(VirthookError);
    expect((error as VirthookError).code).toBe('SCENARIO_INVALID');
    return (error as VirthookError).problems.map((p) => `${formatLocation(p)} ${p.path ?? ''}: ${p.message}`);
  }
  throw new Error('expected the scenario to be invalid');
}

describe('validateScenario', () => {
  it('accepts a scenario using every step verb and expectation kind', () => {
    const text = `
name: lifecycle
libvirt: ['9.0', '11.3']
seed: 42
daemon: { env: { PATH: /usr/bin, HOME: /root }, cwd: / }
timeout: 5
networks: [nat.xml]
steps:
  - net-define: iso.xml
  - net-create: "<network><name>tmp</name></network>"
  - net-start: lvo-nat
    expect:
      ok: true
      output: Network lvo-nat started
      mode: ordered
      calls:
        - { hook: network, argv: [lvo-nat, start, begin, '-'], stdin: { xpath: { 'count(//ip)': 1 } } }
        - { hook: network.d/10-first, op: started, env: { includes: { LC_ALL: C } }, exitCode: 0 }
  - net-update: { network: lvo-nat, command: add, section: ip-dhcp-host, xml: "<host ip='192.0.2.9' mac='52:54:00:00:00:09'/>", live: true, parent-index: 0 }
  - net-autostart: { network: lvo-nat, disable: true }
  - net-autostart: lvo-nat
  - net-destroy: lvo-nat
    expect: { error: { contains: veto }, vetoed: false }
  - net-undefine: lvo-nat
    expect: { error: { matches: '^error: ' } }
  - define: web.xml
  - define: "<domain type='qemu'><name>inline</name><memory>1024</memory><os><type>hvm</type></os></domain>"
  - start: web
    expect: { calls: [{ hook: qemu, op: prepare }, { hook: network, op: port-created }] }
  - attach-interface: { domain: web, type: network, source: lvo-nat, mac: '52:54:00:00:00:09', model: e1000, live: true }
  - attach-interface: { domain: web, xml: "<interface type='bridge'><source bridge='br0'/></interface>", config: true }
  - detach-interface: { domain: web, type: network, mac: '52:54:00:00:00:09', live: true, unplug-ignored: true }
  - detach-interface: { domain: web, type: bridge, config: true }
  - save: { domain: web, file: /var/lib/web.save }
  - restore: /var/lib/web.save
    expect: { calls: [{ hook: qemu, op: restore }] }
  - shutdown: web
  - destroy: web
    expect: { ok: false }
  - migrate-in: web.xml
  - net-port-create: { network: lvo-nat, port: port.xml }
  - net-port-create: { network: lvo-nat, port: "<networkport><owner><name>x</name><uuid>0c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e</uuid></owner><mac address='52:54:00:00:00:0a'/></networkport>" }
  - net-port-delete: { network: lvo-nat, port: 5d744f21-ba4a-4d6e-bdb2-30a35ff3207d }
  - undefine: web
  - daemon-start: { daemon: libvirtd, order: ['lvo-nat:52:54:00:00:00:01'] }
  - daemon-stop:
  - daemon-restart: { daemon: virtnetworkd }
  - daemon-reload: true
  - host-reboot: {}
  - host-link-del: virbr9
  - host-kill-dnsmasq: lvo-nat
  - virtnetworkd-idle-exit:
  - firewalld-reload:
  - hook-write: { path: network.d/15-late, content: "#!/bin/sh\\nexit 0\\n", mode: "0755" }
  - hook-chmod: { path: network.d/15-late, mode: "644" }
  - hook-remove: network.d/15-late
expect:
  mode: none-of
  calls: [{ op: port-created }]
`;
    const input = validateScenario(parseScenarioSource(text, 's.yaml'), 's.yaml');
    expect(input.steps).toHaveLength(8 + 28);
    expect(new Set(input.steps.map(stepVerb))).toEqual(new Set(STEP_VERBS));
    expect(input.libvirt).toEqual(['9.0', '11.3']);
    const byVerb = (verb: string) => input.steps.filter((step) => stepVerb(step) === verb).map((step) => (step as Record<string, unknown>)[verb]);
    expect(byVerb('attach-interface')[1]).toEqual({ domain: 'web', xml: "<interface type='bridge'><source bridge='br0'/></interface>", config: true });
    expect(byVerb('detach-interface')[0]).toMatchObject({ 'unplug-ignored': true });
  });

  it('refuses guest steps with missing or misspelled fields, each with its path', () => {
    const text = [
      'steps:',
      '  - start: 7',
      '  - attach-interface: { domain: web, sorce: lvo-nat }',
      '  - detach-interface: { domain: web, unplug-ignored: yes }',
      '  - save: { domain: web }',
      '  - net-port-delete: { network: n }',
      '',
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      'net.yaml:2:12 steps[0].start: expected text, got 7',
      'net.yaml:3:38 steps[1].attach-interface.sorce: unknown field "sorce"; did you mean "source"?',
      'net.yaml:4:54 steps[2].detach-interface.unplug-ignored: expected true or false, got "yes"',
      'net.yaml:5:11 steps[3].save.file: missing required field "file"',
      'net.yaml:6:22 steps[4].net-port-delete.port: missing required field "port"',
    ]);
  });

  it('reports every problem at once, each with its path and file:line:column', () => {
    const text = ['hooks: ./hooks', 'libvirt: 9.0', 'timeout: soon', 'steps:', '  - net-start: lvo-nat', '    expect:', '      ok: "yes"', '  - net-destroy: 7', ''].join('\n');
    expect(problemsOf(text)).toEqual([
      'net.yaml:2:10 libvirt: quote the version, e.g. "9.0": YAML reads an unquoted 9.0 as the number 9',
      'net.yaml:3:10 timeout: expected a number, got "soon"',
      'net.yaml:7:11 steps[0].expect.ok: expected true or false, got "yes"',
      'net.yaml:8:18 steps[1].net-destroy: expected text, got 7',
    ]);
  });

  it('takes max-output as bytes or a K/M/G size, at the scenario and on a step, and explains a bad one', () => {
    expect(validateScenario(parseScenarioSource('max-output: 64K\nsteps:\n  - net-start: a\n    max-output: 4096\n', 's.yaml'), 's.yaml')).toMatchObject({ 'max-output': '64K' });
    const hint = 'a positive whole number of bytes, or a size such as "64K" or "16MiB" (K, M, G: powers of 1024)';
    const text = ['max-output: 16MB', 'steps:', '  - net-start: a', '    max-output: 0', '  - net-start: b', '    max-output: 1.5', '  - net-start: c', '    max-output: true', '  - net-start: d', '    max-output: 99999999999G', ''].join('\n');
    expect(problemsOf(text)).toEqual([
      `net.yaml:1:13 max-output: max-output takes ${hint}`,
      `net.yaml:4:17 steps[0].max-output: max-output takes ${hint}`,
      `net.yaml:6:17 steps[1].max-output: max-output takes ${hint}`,
      'net.yaml:8:17 steps[2].max-output: expected a number or text, got true',
      'net.yaml:10:17 steps[3].max-output: max-output is too large: at most 9007199254740991 bytes',
    ]);
  });

  it('suggests the verb a typo was meant to be, pointing at the key', () => {
    expect(problemsOf('hooks: h\nsteps:\n  - net-start: a\n  - net-strat: lvo-nat\n')).toEqual(['net.yaml:4:5 steps[1].net-strat: unknown step "net-strat"; did you mean "net-start"?']);
  });

  it('tells a misspelled step field from a misspelled verb when a step has both', () => {
    expect(problemsOf('hooks: h\nsteps:\n  - net-strat: bad\n    expct: { ok: true }\n')).toEqual([
      'net.yaml:3:5 steps[0].net-strat: unknown step "net-strat"; did you mean "net-start"?',
      'net.yaml:4:5 steps[0].expct: unknown field "expct"; did you mean "expect"?',
    ]);
    expect(problemsOf('hooks: h\nsteps:\n  - net-start: a\n    timout: 2\n')).toEqual(['net.yaml:4:5 steps[0].timout: unknown field "timout"; did you mean "timeout"?']);
    // Only a misspelled field: the verb is missing too.
    expect(problemsOf('hooks: h\nsteps:\n  - expct: { ok: true }\n')).toEqual([
      `net.yaml:3:5 steps[0]: a step needs a verb: one of ${STEP_VERBS.join(', ')}`,
      'net.yaml:3:5 steps[0].expct: unknown field "expct"; did you mean "expect"?',
    ]);
  });

  it('explains an argv of the wrong length and points at the partial keys', () => {
    const hint = 'but it is the whole [object, op, subop, extra] (4 items, without the script path); to match only some of them, use object:, op:, subop: or extra:';
    const text = 'hooks: h\nsteps:\n  - net-start: a\n    expect: { calls: [{ argv: [a, start] }, { argv: [/etc/libvirt/hooks/network, a, start, begin, "-"] }] }\n';
    expect(problemsOf(text)).toEqual([
      `net.yaml:4:31 steps[0].expect.calls[0].argv: argv has 2 items, ${hint}`,
      `net.yaml:4:53 steps[0].expect.calls[1].argv: argv has 5 items, ${hint}`,
    ]);
  });

  it('suggests misspelled keys at every level, without also reporting the field as missing', () => {
    const text = 'hooks: h\nstep:\n  - net-autostart: { network: n, disabled: true }\n    expect: { vetod: true, error: { contans: x } }\n';
    expect(problemsOf(text)).toEqual(['net.yaml:2:1 step: unknown field "step"; did you mean "steps"?']);
    const nested = 'hooks: h\nsteps:\n  - net-autostart: { network: n, disabled: true }\n    expect: { vetod: true, error: { contans: x } }\n';
    expect(problemsOf(nested)).toEqual([
      'net.yaml:3:34 steps[0].net-autostart.disabled: unknown field "disabled"; did you mean "disable"?',
      'net.yaml:4:15 steps[0].expect.vetod: unknown field "vetod"; did you mean "vetoed"?',
      'net.yaml:4:37 steps[0].expect.error.contans: unknown field "contans"; did you mean "contains"?',
    ]);
  });

  it('explains malformed steps and enum values', () => {
    const text = [
      'steps:',
      '  - net-start lvo-nat',
      '  - { net-start: a, net-destroy: a }',
      '  - expect: { ok: true }',
      '  - net-update: { network: n, command: ad, section: ip-dhcp-host }',
      '  - net-start: a',
      '    expect: { calls: [{ op: strat, hook: network.x }] }',
      '',
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      'net.yaml:2:5 steps[0]: a step is a mapping with one virsh verb, e.g. "- net-start: lvo-nat"; got "net-start lvo-nat"',
      'net.yaml:3:5 steps[1]: a step has one verb; found net-start and net-destroy: split it into several steps',
      `net.yaml:4:5 steps[2]: a step needs a verb: one of ${STEP_VERBS.join(', ')}`,
      'net.yaml:5:17 steps[3].net-update.xml: missing required field "xml"',
      'net.yaml:5:40 steps[3].net-update.command: "ad" is not allowed here; expected one of "add", "add-first", "add-last", "delete", "modify"; did you mean "add"?',
      expect.stringMatching(/^net\.yaml:7:29 steps\[4\]\.expect\.calls\[0\]\.op: "strat" is not allowed here; .*did you mean "start"\?$/),
      'net.yaml:7:42 steps[4].expect.calls[0].hook: a hook is a driver name (network, qemu, ...) optionally followed by .d/NAME, e.g. network.d/10-first',
    ]);
  });

  it('checks regular expressions, XPath queries, versions and conflicting fields', () => {
    const text = [
      "libvirt: ['9.0', 'nine']",
      'steps:',
      '  - net-start: a',
      '    expect:',
      "      error: { matches: '(' }",
      '      calls:',
      "        - { argv: [a, start, begin, '-'], op: start, stdin: { xpath: { '/hookData[': x }, equals: a, file: b.xml } }",
      'expect: { mode: ordered }',
      '',
    ].join('\n');
    const problems = problemsOf(text);
    expect(problems.map((p) => p.split(':').slice(0, 2).join(':') + ' ' + p.split(' ')[1])).toEqual([
      'net.yaml:1 libvirt[1]:',
      'net.yaml:5 steps[0].expect.error.matches:',
      'net.yaml:7 steps[0].expect.calls[0].op:',
      'net.yaml:7 steps[0].expect.calls[0].stdin.xpath["/hookData["]:',
      'net.yaml:7 steps[0].expect.calls[0].stdin.file:',
      'net.yaml:8 expect.mode:',
    ]);
    expect(problems[0]).toContain('Unknown libvirt version "nine"');
  });

  it('accepts JSON and reports its problems with lines', () => {
    const text = '{\n  "hooks": "h",\n  "steps": [\n    { "net-strat": "x" }\n  ]\n}\n';
    expect(problemsOf(text, 'net.json')).toEqual(['net.json:4:7 steps[0].net-strat: unknown step "net-strat"; did you mean "net-start"?']);
  });

  it('reports YAML syntax errors and duplicate keys with their lines', () => {
    expect(problemsOf('steps:\n  - net-start: a\nsteps: []\n')).toEqual([expect.stringMatching(/^net\.yaml:3:1 : Map keys must be unique/)]);
    expect(problemsOf('steps: [a\nname: x\n')[0]).toMatch(/^net\.yaml:\d+:\d+ /);
  });

  it('requires steps and rejects an empty file', () => {
    expect(problemsOf('hooks: h\n')).toEqual(['net.yaml:1:1 steps: missing required field "steps"']);
    expect(problemsOf('')).toEqual(['net.yaml:1:1 : the scenario is empty: it needs at least steps']);
  });

  it('accepts state, snapshot and per-libvirt expectations, and explains their mistakes', () => {
    const valid = [
      'steps:',
      '  - net-start: a',
      '    expect:',
      '      vetoed: true',
      "      state: { networks: { a: { active: false, connections: 0 } }, guests: { vm: { running: false } }, bridges: { virbr9: leaked } }",
      '      per-libvirt:',
      "        '>=10.8': { calls: [{ op: stopped }], state: { bridges: { virbr9: absent } } }",
      'expect:',
      '  snapshot: true',
      '  state: { networks: { a: { persistent: true } } }',
      "  per-libvirt: { '9.0 || >=11': { mode: none-of, calls: [{ op: stopped }] } }",
      '',
    ].join('\n');
    expect(validateScenario(parseScenarioSource(valid, 's.yaml'), 's.yaml').steps).toHaveLength(1);
    const text = [
      'steps:',
      '  - net-start: a',
      '    expect:',
      '      state: { networks: { a: { activ: true } }, bridges: { virbr9: leak } }',
      '      per-libvirt:',
      "        '=> 10.8': { vetoed: true }",
      "        '9.0': { per-libvirt: {} }",
      'expect: { snapshot: false }',
      '',
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      'net.yaml:4:33 steps[0].expect.state.networks.a.activ: unknown field "activ"; did you mean "active"?',
      'net.yaml:4:69 steps[0].expect.state.bridges.virbr9: "leak" is not allowed here; expected one of "present", "absent", "leaked"',
      expect.stringMatching(/^net\.yaml:6:\d+ steps\[0\]\.expect\.per-libvirt\["=> 10\.8"\]: not a libvirt release range: "=>" is not a release comparison/),
      expect.stringMatching(/^net\.yaml:7:\d+ steps\[0\]\.expect\.per-libvirt\["9\.0"\]\.per-libvirt: unknown field "per-libvirt"/),
      'net.yaml:8:21 expect.snapshot: false is not allowed here; expected one of "true"',
    ]);
  });
});
