import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Node as YamlNode } from 'yaml';
import { VirthookError, type Problem } from '../errors/virthook-error.js';

/** Line and column (1-based) of a place in the scenario text. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
  /** The value is a block scalar (`|` or `>`): its text starts on the next line. */
  readonly block?: boolean;
}

/** A parsed scenario file: its data and a way back from a path in it to a line and column. */
export interface ScenarioSource {
  readonly data: unknown;
  /**
   * Where `path` sits in the text: the value's position, or the key's with `key: true`. A path
   * that does not exist (a missing field) gives the position of its nearest existing parent.
   */
  locate(path: readonly PropertyKey[], options?: { key?: boolean }): TextPosition | undefined;
}

/**
 * Parses scenario text (YAML 1.2, so JSON too) keeping node positions. Syntax errors, duplicate
 * keys included, throw SCENARIO_INVALID with every problem's line and column.
 */
export function parseScenarioSource(text: string, file: string): ScenarioSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number): TextPosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  if (doc.errors.length > 0) {
    const problems: Problem[] = doc.errors.map((error) => ({ file, ...position(error.pos[0]), message: yamlMessage(error.message) }));
    throw new VirthookError('SCENARIO_INVALID', `Scenario ${file} is not valid YAML (${problems.length} problem${problems.length === 1 ? '' : 's'})`, { problems });
  }
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (error) {
    // yaml refuses alias bombs ("Excessive alias count ..."): bad input, reported at the first alias.
    let at: TextPosition = { line: 1, column: 1 };
    visit(doc, { Alias: (_, node) => { at = rangeStart(node, position) ?? at; return visit.BREAK; } });
    throw new VirthookError('SCENARIO_INVALID', `Scenario ${file} is not valid YAML (1 problem)`, { problems: [{ file, ...at, message: (error as Error).message }] });
  }
  return {
    data,
    locate(path, options = {}) {
      let node: unknown = doc.contents;
      let found: TextPosition | undefined = rangeStart(node, position);
      for (const [i, segment] of path.entries()) {
        const last = i === path.length - 1;
        if (isMap(node)) {
          const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
          if (!pair) break;
          if (last && options.key) return rangeStart(pair.key, position) ?? found;
          node = pair.value;
        } else if (isSeq(node) && typeof segment === 'number') {
          node = node.items[segment];
        } else {
          break;
        }
        found = rangeStart(node, position) ?? found;
        if (node === undefined || node === null) break;
      }
      return found;
    },
  };
}

function rangeStart(node: unknown, position: (offset: number) => TextPosition): TextPosition | undefined {
  const range = (node as YamlNode | null | undefined)?.range;
  if (!range) return undefined;
  const block = isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED');
  return block ? { ...position(range[0]), block } : position(range[0]);
}

/** The yaml package's messages without the source excerpt it appends. */
const yamlMessage = (message: string) => message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/u, '');
