/**
 * How generated JSON Schemas name and reference each other.
 *
 * Convention: components.schemas.X becomes a schema with `$id: "X.json"`, written to
 * schemas/components/X.json, and `{ $ref: "#/components/schemas/X" }` becomes
 * `{ $ref: "X.json" }`. The ids are relative on purpose: inside one Ajv instance they resolve
 * against each other, and on disk they resolve as sibling files, so any JSON Schema tool
 * pointed at the folder follows them without a made-up base URL.
 */
import { SpecError } from '../model/errors';

/** JSON Schema dialect of every generated file (ajv's default meta-schema). */
export const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

const COMPONENT_REF = /^#\/components\/schemas\//;

// OpenAPI 3.0 restricts component names to this set, which also keeps them safe as file names.
const COMPONENT_NAME = /^[a-zA-Z0-9._-]+$/;

/** The `$id` (and file name) of component schema `name`, e.g. "Error.json". */
export function componentId(name: string): string {
  return `${name}.json`;
}

/** Throws a SpecError for a name OpenAPI forbids (and that could escape the output folder). */
export function assertComponentName(name: string): void {
  if (!COMPONENT_NAME.test(name) || name === '.' || name === '..') {
    throw new SpecError(`components.schemas key "${name}" is not a valid component name ([a-zA-Z0-9._-]+)`);
  }
}

/**
 * Rewrites an OpenAPI `$ref` found at `where`: "#/components/schemas/X" → "X.json", and
 * "#/components/schemas/X/properties/y" → "X.json#/properties/y". Any other ref is a SpecError:
 * a generated file cannot point into the rest of the OpenAPI document.
 */
export function rewriteSchemaRef(ref: string, where: string): string {
  if (!COMPONENT_REF.test(ref)) {
    throw new SpecError(`$ref "${ref}" at ${where} does not point into #/components/schemas`);
  }
  // Component names cannot contain "/" or need escaping, so the raw text splits cleanly.
  const rest = ref.replace(COMPONENT_REF, '');
  const slash = rest.indexOf('/');
  const name = slash === -1 ? rest : rest.slice(0, slash);
  if (!COMPONENT_NAME.test(name)) throw new SpecError(`$ref "${ref}" at ${where} names no valid component`);
  return slash === -1 ? componentId(name) : `${componentId(name)}#${rest.slice(slash)}`;
}

/** A converted `$ref` ("X.json", or "X.json#/properties/y" into it), as rewriteSchemaRef writes it. */
const CONVERTED_REF = /^([^/#]+)\.json(#.*)?$/s;

/**
 * The component a converted `$ref` names, undone: "X" of "X.json", and with `into: true` of
 * "X.json#/properties/y" too (a $ref into X needs X all the same); undefined for anything else.
 */
export function componentOfRef(ref: unknown, { into = false }: { into?: boolean } = {}): string | undefined {
  if (typeof ref !== 'string') return undefined;
  const match = CONVERTED_REF.exec(ref);
  return match === null || (match[2] !== undefined && !into) ? undefined : match[1];
}
