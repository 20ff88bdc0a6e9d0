/**
 * Test helper: validates bodies against the contract's component schemas, independently of the
 * suite's own schema layer (src/schema), so the reference server is judged by a second opinion.
 * Only the OpenAPI 3.0 differences this spec uses are translated: nullable → type union, and
 * `example` dropped; $refs to components.schemas become refs between ajv schema ids.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

const SPEC_PATH = join(__dirname, '..', '..', 'specs', 'whatsapp-sync.openapi.yaml');
const REF_PREFIX = '#/components/schemas/';

function translate(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(translate);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'example' || key === 'nullable') continue;
    out[key] = key === '$ref' && typeof value === 'string' ? value.replace(REF_PREFIX, '') : translate(value);
  }
  const source = node as Record<string, unknown>;
  if (source['nullable'] === true && typeof source['type'] === 'string') out['type'] = [source['type'], 'null'];
  return out;
}

/** An ajv instance holding every component schema under its component name. */
function createAjv(): Ajv {
  const spec = parse(readFileSync(SPEC_PATH, 'utf8')) as { components: { schemas: Record<string, unknown> } };
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  for (const [name, schema] of Object.entries(spec.components.schemas)) {
    ajv.addSchema({ ...(translate(schema) as object), $id: name });
  }
  return ajv;
}

let shared: Ajv | undefined;

/** Schema errors of `data` against components.schemas[name], as "instancePath message" lines. */
export function schemaErrors(name: string, data: unknown): string[] {
  shared ??= createAjv();
  const validate = shared.getSchema(name);
  if (validate === undefined) throw new Error(`No component schema named ${name}`);
  return validate(data) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}
