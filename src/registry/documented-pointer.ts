/**
 * Whether a JSON pointer names a place a documented body can have: the path through the converted
 * component schemas (src/schema: `{ $ref: "X.json" }` between them). An assertion whose pointer
 * names nothing the schema declares (a misspelt property of a new operation's rule) would fail
 * every conformant answer and blame the target for the data's typo, so the registry refuses it.
 */
import { isRecord } from '../openapi/is-record';
import { componentOfRef } from '../schema/component-id';

/** Deeper than any documented body; a schema that recurses (a tree) is taken as documenting the rest. */
const MAX_DEPTH = 32;

type Schemas = Readonly<Record<string, object>>;

/** "X" for the converted schemas' `{ $ref: "X.json" }` (a $ref into a component is not followed). */
const refName = (schema: Record<string, unknown>): string | undefined => componentOfRef(schema['$ref']);

const ARRAY_INDEX = /^(0|[1-9]\d*)$/;

/**
 * The schema nodes already walked, each with the counts of tokens it was walked with. A true answer
 * ends the whole walk, so a node met again with as many tokens left answers false: without this, a
 * spec's recursive composition (`Node: {anyOf: [{$ref: Node}, {$ref: Node}]}`) branched twice at
 * each of MAX_DEPTH levels, 2^32 calls, and the run hung before its first request on a spec.
 */
type Walked = Map<object, Set<number>>;

function documented(node: unknown, tokens: readonly string[], schemas: Schemas, depth: number, walked: Walked): boolean {
  // `true`, `{}` or a body the walk cannot follow further: any value may be there.
  if (tokens.length === 0 || !isRecord(node) || depth > MAX_DEPTH) return true;
  const counts = walked.get(node) ?? new Set<number>();
  if (counts.has(tokens.length)) return false;
  walked.set(node, counts.add(tokens.length));
  const name = refName(node);
  if (name !== undefined) return documented(schemas[name], tokens, schemas, depth + 1, walked);
  const [token = '', ...rest] = tokens;
  const properties = node['properties'];
  if (isRecord(properties) && Object.hasOwn(properties, token)) return documented(properties[token], rest, schemas, depth + 1, walked);
  if (node['items'] !== undefined && ARRAY_INDEX.test(token)) return documented(node['items'], rest, schemas, depth + 1, walked);
  const type = node['type'];
  const types: unknown[] = Array.isArray(type) ? type : type === undefined ? ['object'] : [type];
  // An array that names no items (a list of anything) holds any value at any index.
  if (node['items'] === undefined && types.includes('array') && ARRAY_INDEX.test(token)) return true;
  const additional = node['additionalProperties'];
  // The map's values and a branch's declared property are both places the token may name: either will do.
  if ((additional === true || isRecord(additional)) && documented(additional, rest, schemas, depth + 1, walked)) return true;
  const branches = ['allOf', 'anyOf', 'oneOf'].flatMap((keyword) => (Array.isArray(node[keyword]) ? (node[keyword] as unknown[]) : []));
  if (branches.some((branch) => documented(branch, tokens, schemas, depth + 1, walked))) return true;
  // Declared properties or items, a map whose values end it, a composition none of whose branches
  // has it, or a scalar type: the token names nothing documented. An object schema that declares no
  // property is a free-form map.
  if (isRecord(properties) || node['items'] !== undefined || branches.length > 0 || additional !== undefined) return false;
  return types.includes('object');
}

/**
 * True when `tokens` (a parsed JSON pointer) lead somewhere the component `schemaName` documents:
 * a declared property, an array element, or inside a schema that leaves that place open.
 */
export function pointerDocumented(schemaName: string, tokens: readonly string[], schemas: Schemas): boolean {
  return documented(schemas[schemaName], tokens, schemas, 0, new Map());
}
