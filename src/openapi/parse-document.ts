/** Turns the text of an OpenAPI file (YAML or JSON) into a value, or a one-line SpecError. */
import { parseDocument } from 'yaml';
import { SpecError } from '../model/errors';
import { duplicateJsonKey, lineAndColumn } from './json-duplicate-key';

/**
 * Parses YAML or JSON. JSON goes through JSON.parse first because the `yaml` parser is ~80×
 * slower on the 500 kB full description; YAML (a superset) is the fallback and the one whose
 * errors carry a line and column.
 */
export function parseSpecText(text: string, path: string): unknown {
  const body = text.replace(/^\uFEFF/, '');
  if (/^\s*[{[]/.test(body)) {
    let value: unknown;
    try {
      value = JSON.parse(body) as unknown;
    } catch {
      // Fall through: the YAML parser either accepts it or says where it breaks.
    }
    if (value !== undefined) {
      const duplicate = duplicateJsonKey(body);
      if (duplicate === undefined) return value;
      const { line, column } = lineAndColumn(body, duplicate.offset);
      throw new SpecError(`${path}: syntax error: key ${JSON.stringify(duplicate.key).slice(0, 200)} given twice in one object at line ${line}, column ${column}`);
    }
  }
  // merge: YAML 1.1's `<<: *anchor`, which hand-written OpenAPI files use to share responses and
  // schema members; YAML 1.2 would read "<<" as a plain key (a response status "<<").
  const document = parseDocument(body, { uniqueKeys: true, merge: true });
  const [error] = document.errors;
  if (error !== undefined) {
    // The message's first line already ends "at line L, column C:"; the rest is a code frame.
    const reason = error.message.split('\n')[0]?.replace(/:\s*$/, '') ?? error.code;
    const line = error.linePos?.[0].line;
    const where = line !== undefined && !reason.includes(`line ${line}`) ? ` at line ${line}` : '';
    throw new SpecError(`${path}: syntax error: ${reason}${where}`);
  }
  try {
    return document.toJS({ maxAliasCount: 1000 }) as unknown;
  } catch (error) {
    // An alias bomb (aliases of aliases, exponentially many values) ends here, not in memory.
    throw new SpecError(`${path}: ${(error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "cannot be read"}`);
  }
}
