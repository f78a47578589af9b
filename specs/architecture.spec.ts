import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

function sources(dir: string = SRC): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const files = sources().map((path) => ({ path: relative(SRC, path), text: readFileSync(path, 'utf8') }));
const layerOf = (path: string) => (path.includes('/') ? path.split('/')[0]! : path.replace(/\.ts$/, ''));
const importsOf = (text: string) => [...text.matchAll(/^(?:import|export)[^'"]*from '([^']+)'/gm)].map((m) => m[1]!);

// Which of virthook's own layers each layer may import (STYLE.md: dependencies point one way).
const ALLOWED: Record<string, readonly string[]> = {
  errors: [],
  model: ['errors', 'model', 'xml'],
  xml: ['errors', 'model', 'xml'],
  simulator: ['errors', 'model', 'xml', 'status', 'simulator'],
  runner: ['errors', 'model', 'runner', 'doubles'],
  doubles: ['errors', 'model', 'doubles'],
  status: ['errors', 'model', 'xml', 'status'],
  harness: ['errors', 'model', 'xml', 'status', 'simulator', 'runner', 'doubles', 'harness'],
  assertions: ['errors', 'model', 'xml', 'status', 'simulator', 'runner', 'harness', 'doubles', 'assertions'],
  scenario: ['errors', 'model', 'xml', 'status', 'simulator', 'runner', 'harness', 'doubles', 'assertions', 'scenario'],
  report: ['errors', 'model', 'xml', 'status', 'simulator', 'runner', 'harness', 'doubles', 'assertions', 'scenario', 'report'],
  pool: ['errors', 'model', 'xml', 'status', 'simulator', 'runner', 'harness', 'doubles', 'assertions', 'scenario', 'report', 'pool'],
  cli: ['errors', 'model', 'xml', 'status', 'simulator', 'runner', 'harness', 'doubles', 'assertions', 'scenario', 'report', 'pool', 'cli'],
  vitest: ['errors', 'model', 'xml', 'status', 'simulator', 'runner', 'harness', 'doubles', 'assertions', 'scenario', 'report', 'vitest'],
  index: ['errors', 'model', 'xml', 'status', 'simulator', 'runner', 'harness', 'doubles', 'assertions', 'scenario', 'report', 'pool'],
};

// Each outside package has one home (STYLE.md rule 2).
const HOMES: Record<string, (path: string) => boolean> = {
  execa: (path) => path === 'runner/spawn-hook.ts',
  'xml-formatter': (path) => path === 'assertions/pretty-xml.ts',
  vitest: (path) => layerOf(path) === 'vitest',
};

describe('architecture', () => {
  it('keeps every layer to the layers below it', () => {
    const violations: string[] = [];
    for (const { path, text } of files) {
      const layer = layerOf(path);
      const allowed = ALLOWED[layer];
      if (!allowed) { violations.push(`${path}: layer "${layer}" is not in the architecture table`); continue; }
      for (const target of importsOf(text).filter((spec) => spec.startsWith('.'))) {
        const resolved = relative(SRC, join(SRC, path, '..', target));
        if (!allowed.includes(layerOf(resolved))) violations.push(`${path} imports ${resolved}`);
      }
    }
    // apply-network-update parses the user's XML fragment: the one sanctioned model -> xml edge.
    expect(violations).toEqual([]);
  });

  it('gives each outside package one home', () => {
    const violations = files.flatMap(({ path, text }) =>
      importsOf(text).filter((spec) => HOMES[spec] && !HOMES[spec]!(path)).map((spec) => `${path} imports ${spec}`));
    expect(violations).toEqual([]);
  });

  it('touches process and console only in entry points (the CLI binary, pool workers) and the CI check of strict mode', () => {
    const violations = files
      .filter(({ path }) => path !== 'cli/bin.ts' && path !== 'doubles/is-ci.ts' && !/^pool\/[\w-]+-worker\.ts$/.test(path))
      .flatMap(({ path, text }) => text.split('\n').map((line, i) => ({ path, line, n: i + 1 })))
      .filter(({ line }) => !/^\s*(\/\/|\*)/.test(line) && /(^|[^.\w])(process|console)\.\w/.test(line))
      .map(({ path, n, line }) => `${path}:${n}: ${line.trim()}`);
    expect(violations).toEqual([]);
  });

  it('keeps the simulator free of I/O, timers and unseeded randomness', () => {
    const violations = files
      .filter(({ path }) => layerOf(path) === 'simulator')
      .flatMap(({ path, text }) => {
        const bad = importsOf(text).filter((spec) => spec.startsWith('node:'));
        if (/Math\.random|Date\.now|new Date\(|setTimeout|setInterval/.test(text)) bad.push('time or randomness');
        return bad.map((what) => `${path}: ${what}`);
      });
    expect(violations).toEqual([]);
  });
});
