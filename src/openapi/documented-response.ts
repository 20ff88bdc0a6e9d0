/** Reduces one OpenAPI response object to the DocumentedResponse that checks read. */
import { SpecError } from '../model/errors';
import type { DocumentedExample, DocumentedResponse, LoadedSpec } from '../model/operation';
import { isRecord } from './is-record';
import { appendPointer, parsePointer } from './json-pointer';
import { deref } from './resolve-ref';

// application/json, or type/subtype+json where both are RFC 6838 restricted-names (§4.2: a letter
// or digit, then letters, digits and !#$&-^_.+). The 127-character cap is not enforced.
const JSON_ESSENCE = /^(?:application\/json|[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*\+json)$/;

/**
 * True for application/json and for any "+json" type (RFC 6838 §4.2.8 structured syntax suffix,
 * registered by RFC 6839) on any top-level type: application/problem+json, text/vnd.x+json.
 * Parameters (charset) and case are ignored: RFC 9110 makes type and subtype case-insensitive,
 * and a charset on JSON is harmless. The one definition for the spec (which response documents
 * a JSON body, hence a schema) and the checks (which Content-Type is JSON), so response-schema
 * never skips a body that content-type and json-body accept as JSON.
 */
export function isJsonMediaType(mediaType: string): boolean {
  const essence = (mediaType.split(';')[0] ?? '').trim().toLowerCase();
  return JSON_ESSENCE.test(essence);
}

/**
 * Builds the DocumentedResponse for `status` from the (possibly `$ref`ed) response object at
 * `where`. Only the first JSON media type gives schemaName and examples: that is the body the
 * checks parse.
 */
export function toDocumentedResponse(spec: LoadedSpec, status: string, raw: unknown, where: string): DocumentedResponse {
  const response = deref(spec, raw, where);
  const result: DocumentedResponse = { status, description: '', mediaTypes: [], examples: [] };
  if (!isRecord(response)) return result;
  if (typeof response['description'] === 'string') result.description = response['description'];
  const content = response['content'];
  if (!isRecord(content)) return result;
  result.mediaTypes = Object.keys(content);
  const jsonType = result.mediaTypes.find(isJsonMediaType);
  if (jsonType === undefined) return result;
  const mediaWhere = appendPointer(appendPointer(where, 'content'), jsonType);
  const media = content[jsonType];
  if (!isRecord(media)) return result;
  const schemaName = componentSchemaName(media['schema']);
  // The validators are compiled per component: any other schema would judge no body, and every
  // answer would pass response-schema unjudged (a certificate over what was never checked).
  if (schemaName === undefined && media['schema'] !== undefined && !acceptsAnything(media['schema'])) {
    throw new SpecError(`${spec.path}: the ${status} body schema at ${appendPointer(mediaWhere, 'schema')} is not a $ref to #/components/schemas/<Name>, the only body schemas the suite validates with: move it into components.schemas and $ref it`);
  }
  if (schemaName !== undefined) result.schemaName = schemaName;
  result.examples = collectExamples(spec, media, mediaWhere);
  return result;
}

/** "X" for `{ $ref: '#/components/schemas/X' }`; undefined for any other schema (inline, allOf, a ref into a component). */
function componentSchemaName(schema: unknown): string | undefined {
  if (!isRecord(schema)) return undefined;
  const ref = schema['$ref'];
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return undefined;
  const [components, schemas, name, ...rest] = parsePointer(ref);
  return components === 'components' && schemas === 'schemas' && rest.length === 0 ? name : undefined;
}

/** Words for the reader that judge nothing (the Schema Object's annotations; `x-` extensions too). */
const ANNOTATIONS = new Set(['description', 'title', 'example', 'deprecated', 'externalDocs']);

/** `{}`, or annotations alone: every JSON value is valid, so no component is needed to judge it. */
function acceptsAnything(schema: unknown): boolean {
  return isRecord(schema) && Object.keys(schema).every((key) => ANNOTATIONS.has(key) || key.startsWith('x-'));
}

/** `example`, then each `examples.*.value` in document order (refs to #/components/examples followed). */
function collectExamples(spec: LoadedSpec, media: Record<string, unknown>, where: string): DocumentedExample[] {
  const examples: DocumentedExample[] = [];
  // `example: null` documents a null body, so presence of the key counts, not its value.
  if (Object.prototype.hasOwnProperty.call(media, 'example')) examples.push({ value: media['example'] });
  const named = media['examples'];
  if (!isRecord(named)) return examples;
  for (const [key, raw] of Object.entries(named)) {
    const example = deref(spec, raw, appendPointer(appendPointer(where, 'examples'), key));
    // externalValue examples live outside the document; the suite does not fetch them.
    if (isRecord(example) && Object.prototype.hasOwnProperty.call(example, 'value')) examples.push({ name: key, value: example['value'] });
  }
  return examples;
}
