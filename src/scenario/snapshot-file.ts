import { basename, dirname, extname, join, resolve } from 'node:path';
import { parseLibvirtVersion } from '../model/libvirt-profile.js';

const SECTION = /^== libvirt (\S+) ==$/u;

/** Where `expect.snapshot` points: NAME.snap next to the scenario for `true`, else the given file relative to it. */
export function snapshotPath(scenarioFile: string, value: true | string): string {
  const dir = dirname(scenarioFile);
  return value === true ? join(dir, `${basename(scenarioFile, extname(scenarioFile))}.snap`) : resolve(dir, value);
}

/** The transcript recorded for one release in a snapshot file's text, or null when it has none. */
export function snapshotSection(text: string | null, libvirt: string): string | null {
  return parseSections(text).get(libvirt) ?? null;
}

/**
 * A snapshot file's text with the given releases' transcripts replaced or added and the others
 * kept (a run restricted with --libvirt updates only its releases), sections in release order.
 */
export function updateSnapshotText(previous: string | null, transcripts: ReadonlyMap<string, string>, scenarioFile: string): string {
  const sections = parseSections(previous);
  for (const [libvirt, transcript] of transcripts) sections.set(libvirt, transcript);
  const ordered = [...sections.entries()].sort(([a], [b]) => compareReleases(a, b));
  const header = [
    `# virthook transcript snapshot of ${scenarioFile}: argv, stdin and virsh output of every step, per libvirt release.`,
    '# Written by `virthook run --update`; every run is compared with it. Review changes before committing.',
    '',
  ].join('\n');
  return `${header}\n${ordered.map(([libvirt, transcript]) => `== libvirt ${libvirt} ==\n${transcript}`).join('\n')}`;
}

function parseSections(text: string | null): Map<string, string> {
  const sections = new Map<string, string>();
  if (text === null) return sections;
  let current: string | null = null;
  let lines: string[] = [];
  const close = () => {
    // Sections are separated by one blank line, which belongs to neither.
    if (current !== null) sections.set(current, `${lines.join('\n').replace(/\n+$/u, '')}\n`);
  };
  for (const line of text.split('\n')) {
    const header = SECTION.exec(line);
    if (header) {
      close();
      current = header[1]!;
      lines = [];
    } else if (current !== null) lines.push(line);
  }
  close();
  return sections;
}

function compareReleases(a: string, b: string): number {
  const [x, y] = [safeVersion(a), safeVersion(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return a < b ? -1 : a > b ? 1 : 0;
}

function safeVersion(text: string): readonly number[] {
  try {
    return parseLibvirtVersion(text);
  } catch {
    return [Infinity, 0, 0];
  }
}
