/**
 * A parser for the small YAML subset docker-compose.yml is written in (no YAML package is
 * installed): block mappings and sequences by indentation, plain / 'single' / "double" quoted
 * scalars, one-line flow sequences `[a, "b"]` and empty flow mappings `{}`, and `#` comments.
 * Anything outside the subset (anchors, aliases, block scalars, multi-line flow, tabs) throws with
 * the line number, so a file that grew past it fails the test instead of being misread.
 */
export type YamlValue = string | YamlValue[] | { [key: string]: YamlValue };

interface Line {
  readonly no: number;
  readonly indent: number;
  readonly text: string;
}

export function parseYamlSubset(source: string): YamlValue {
  const lines: Line[] = [];
  source.split('\n').forEach((raw, i) => {
    if (raw.includes('\t')) throw syntax(i + 1, 'tabs are not allowed');
    const text = stripComment(raw).trimEnd();
    if (text.trim() === '') return;
    lines.push({ no: i + 1, indent: text.length - text.trimStart().length, text: text.trim() });
  });
  const cursor = { at: 0 };
  const value = parseBlock(lines, cursor, lines[0]?.indent ?? 0);
  if (cursor.at < lines.length) throw syntax(lines[cursor.at]!.no, 'unexpected indentation');
  return value;
}

function syntax(line: number, why: string): Error {
  return new Error(`YAML subset, line ${line}: ${why}`);
}

/** The line without its comment (a `#` at the start or after a space, outside quotes). */
function stripComment(raw: string): string {
  let quote: string | undefined;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || raw[i - 1] === ' ')) return raw.slice(0, i);
  }
  return raw;
}

function parseBlock(lines: Line[], cursor: { at: number }, indent: number): YamlValue {
  const first = lines[cursor.at];
  if (!first) return '';
  return first.text.startsWith('- ') || first.text === '-'
    ? parseSequence(lines, cursor, indent)
    : parseMapping(lines, cursor, indent);
}

function parseSequence(lines: Line[], cursor: { at: number }, indent: number): YamlValue[] {
  const items: YamlValue[] = [];
  while (cursor.at < lines.length) {
    const line = lines[cursor.at]!;
    if (line.indent < indent) break;
    if (line.indent > indent || !line.text.startsWith('- ')) throw syntax(line.no, 'expected a sequence item');
    const rest = line.text.slice(2).trim();
    if (/^[^'"[{][^:]*:( |$)/.test(rest)) {
      // `- key: value` starts a mapping whose keys sit two columns further in.
      lines[cursor.at] = { no: line.no, indent: indent + 2, text: rest };
      items.push(parseMapping(lines, cursor, indent + 2));
    } else {
      items.push(parseScalarOrFlow(rest, line.no));
      cursor.at++;
    }
  }
  return items;
}

function parseMapping(lines: Line[], cursor: { at: number }, indent: number): { [key: string]: YamlValue } {
  const map: { [key: string]: YamlValue } = {};
  while (cursor.at < lines.length) {
    const line = lines[cursor.at]!;
    if (line.indent < indent) break;
    if (line.indent > indent) throw syntax(line.no, 'unexpected indentation');
    const match = /^("[^"]*"|'[^']*'|[^:'"]+):(?: (.*))?$/.exec(line.text);
    if (!match) throw syntax(line.no, `expected "key: value", got "${line.text}"`);
    const key = unquote(match[1]!.trim());
    if (key in map) throw syntax(line.no, `duplicate key "${key}"`);
    const rest = (match[2] ?? '').trim();
    cursor.at++;
    if (rest !== '') {
      map[key] = parseScalarOrFlow(rest, line.no);
      continue;
    }
    const next = lines[cursor.at];
    if (next && next.indent > indent && next.text.startsWith('[')) {
      // Prettier moves a long flow sequence to its own line under the key.
      map[key] = parseScalarOrFlow(next.text, next.no);
      cursor.at++;
      continue;
    }
    // A nested block is indented further; a sequence may also sit at the key's own indentation.
    const nested = next && (next.indent > indent || (next.indent === indent && next.text.startsWith('- ')));
    map[key] = nested ? parseBlock(lines, cursor, next.indent) : '';
  }
  return map;
}

function parseScalarOrFlow(text: string, no: number): YamlValue {
  if (/^[&*!|>]/.test(text))
    throw syntax(no, `"${text[0]}" (anchors, aliases, tags, block scalars) is outside the subset`);
  if (text === '{}') return {};
  if (text.startsWith('{')) throw syntax(no, 'flow mappings are outside the subset');
  if (!text.startsWith('[')) return unquote(text);
  if (!text.endsWith(']')) throw syntax(no, 'a flow sequence must close on its line');
  const items: string[] = [];
  const body = text.slice(1, -1).trim();
  const item = /\s*("(?:[^"\\]|\\.)*"|'[^']*'|[^,"'[\]{}]+)\s*(,|$)/y;
  while (item.lastIndex < body.length) {
    const m = item.exec(body);
    if (!m) throw syntax(no, `cannot read the flow sequence ${text}`);
    items.push(unquote(m[1]!.trim()));
  }
  return items;
}

function unquote(text: string): string {
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) return JSON.parse(text) as string;
  if (text.length >= 2 && text.startsWith("'") && text.endsWith("'")) return text.slice(1, -1).replace(/''/g, "'");
  if (/^["']/.test(text)) throw new Error(`YAML subset: unterminated quote in ${text}`);
  return text;
}
