/** Reduces one OpenAPI response object to the DocumentedResponse that checks read. */
import type { DocumentedResponse, LoadedSpec } from '../model/operation';
import { isRecord } from './is-record';
import { appendPointer, parsePointer } from './json-pointer';
import { deref } from './resolve-ref';

/** True for application/json and structured-syntax JSON types such as application/problem+json. */
export function isJsonMediaType(mediaType: string): boolean {
  return /^application\/(?:[\w.-]+\+)?json(?:\s*;.*)?$/i.test(mediaType.trim());
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
  if (schemaName !== undefined) result.schemaName = schemaName;
  result.examples = collectExamples(spec, media, mediaWhere);
  return result;
}

/** "X" for `{ $ref: '#/components/schemas/X' }`; undefined for inline schemas. */
function componentSchemaName(schema: unknown): string | undefined {
  if (!isRecord(schema)) return undefined;
  const ref = schema['$ref'];
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return undefined;
  const [components, schemas, name, ...rest] = parsePointer(ref);
  return components === 'components' && schemas === 'schemas' && rest.length === 0 ? name : undefined;
}

/** `example`, then each `examples.*.value` in document order (refs to #/components/examples followed). */
function collectExamples(spec: LoadedSpec, media: Record<string, unknown>, where: string): unknown[] {
  const examples: unknown[] = [];
  // `example: null` documents a null body, so presence of the key counts, not its value.
  if (Object.prototype.hasOwnProperty.call(media, 'example')) examples.push(media['example']);
  const named = media['examples'];
  if (!isRecord(named)) return examples;
  for (const [key, raw] of Object.entries(named)) {
    const example = deref(spec, raw, appendPointer(appendPointer(where, 'examples'), key));
    // externalValue examples live outside the document; the suite does not fetch them.
    if (isRecord(example) && Object.prototype.hasOwnProperty.call(example, 'value')) examples.push(example['value']);
  }
  return examples;
}
