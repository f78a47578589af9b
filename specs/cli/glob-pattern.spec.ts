import { describe, expect, it } from 'vitest';
import { globBase, globToRegExp, isGlob } from '../../src/cli/glob-pattern.js';

describe('glob patterns', () => {
  it('tells globs from plain paths', () => {
    expect(isGlob('scenarios/*.yaml')).toBe(true);
    expect(isGlob('scenarios/a.yaml')).toBe(false);
  });

  it('matches * within a directory, ** across directories, ?, [..] and {a,b}', () => {
    expect(globToRegExp('s/*.yaml').test('s/a.yaml')).toBe(true);
    expect(globToRegExp('s/*.yaml').test('s/d/a.yaml')).toBe(false);
    expect(globToRegExp('s/**/*.yaml').test('s/a.yaml')).toBe(true);
    expect(globToRegExp('s/**/*.yaml').test('s/d/e/a.yaml')).toBe(true);
    expect(globToRegExp('s/?.y{a,}ml').test('s/a.yml')).toBe(true);
    expect(globToRegExp('s/[!b]*.json').test('s/a.json')).toBe(true);
    expect(globToRegExp('s/[!b]*.json').test('s/b.json')).toBe(false);
    expect(globToRegExp('s/a+b.yaml').test('s/aab.yaml')).toBe(false);
  });

  it('starts walking at the last directory before a wildcard', () => {
    expect(globBase('examples/scenarios/**/*.yaml')).toBe('examples/scenarios');
    expect(globBase('*.yaml')).toBe('.');
    expect(globBase('/abs/*/x.yaml')).toBe('/abs');
  });
});
