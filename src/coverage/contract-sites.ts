/**
 * What coverage counts of one operation, read from its documented responses and the component
 * schemas converted to JSON Schema (src/schema): the statuses, the named error examples, every
 * enum and every optional property an answer's body can carry, each with a readable path.
 */
import type { DocumentedResponse, EnumSite, ErrorExampleSite, OperationContract, OperationCoverageContract, OptionalSite } from '../model';
import { isRecord } from '../openapi/is-record';

/** Deeper than any documented body; a schema that recurses (a tree) is walked this far. */
const MAX_DEPTH = 12;

type Schemas = Readonly<Record<string, object>>;

interface Walk {
  schemas: Schemas;
  status: string;
  enums: EnumSite[];
  optional: OptionalSite[];
}

/** "X" for the converted schemas' `{ $ref: "X.json" }`. */
function refName(schema: Record<string, unknown>): string | undefined {
  const ref = schema['$ref'];
  return typeof ref === 'string' && ref.endsWith('.json') && !ref.includes('/') ? ref.slice(0, -'.json'.length) : undefined;
}

function allowsNull(schema: Record<string, unknown>, schemas: Schemas, depth = 0): boolean {
  const type = schema['type'];
  if (type === 'null' || (Array.isArray(type) && type.includes('null'))) return true;
  if (Array.isArray(schema['enum']) && schema['enum'].includes(null)) return true;
  const name = refName(schema);
  const target = name === undefined ? undefined : schemas[name];
  if (isRecord(target) && depth < MAX_DEPTH) return allowsNull(target, schemas, depth + 1);
  const branches = [schema['anyOf'], schema['oneOf']].flatMap((b) => (Array.isArray(b) ? b : []));
  return branches.some((b) => isRecord(b) && allowsNull(b, schemas, depth + 1));
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/**
 * Walks one schema node. `definition` names where the node is defined: the component it was
 * reached through, extended by property names until the next $ref.
 */
function walk(node: unknown, path: string, definition: string, w: Walk, depth: number): void {
  if (!isRecord(node) || depth > MAX_DEPTH) return;
  const name = refName(node);
  if (name !== undefined) {
    walk(w.schemas[name], path, name, w, depth + 1);
    return;
  }
  const values = node['enum'];
  if (Array.isArray(values) && !w.enums.some((e) => e.path === path)) {
    w.enums.push({ status: w.status, path, definition, allowed: values.filter((v) => v !== null).map((v) => JSON.stringify(v)) });
  }
  const properties = node['properties'];
  if (isRecord(properties)) {
    const required = Array.isArray(node['required']) ? node['required'] : [];
    for (const [key, child] of Object.entries(properties)) {
      const childPath = join(path, key);
      if (!required.includes(key) && isRecord(child)) w.optional.push({ status: w.status, path: childPath, nullable: allowsNull(child, w.schemas) });
      walk(child, childPath, `${definition}.${key}`, w, depth + 1);
    }
  }
  if (node['items'] !== undefined) walk(node['items'], `${path}[]`, `${definition}[]`, w, depth + 1);
  for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
    const list = node[keyword];
    if (Array.isArray(list)) for (const branch of list) walk(branch, path, definition, w, depth + 1);
  }
}

/**
 * Named examples with a string `code`. Errors are told apart by their code; the contract's 400s
 * all say `bad_request`, so where two examples share a code the message identifies each.
 */
function errorExamples(response: DocumentedResponse): ErrorExampleSite[] {
  const named = response.examples.flatMap((e) => {
    const value = e.value;
    return e.name !== undefined && isRecord(value) && typeof value['code'] === 'string' ? [{ name: e.name, code: value['code'], message: value['message'] }] : [];
  });
  return named.map(({ name, code, message }) => {
    const shared = named.filter((other) => other.code === code).length > 1;
    return { status: response.status, name, code, ...(shared && typeof message === 'string' ? { message } : {}) };
  });
}

/** The coverage contract of `operation`; `schemas` are the converted components (name → JSON Schema). */
export function coverageContract(operation: Pick<OperationContract, 'responses'>, schemas: Schemas): OperationCoverageContract {
  const contract: OperationCoverageContract = { statuses: [], errorExamples: [], enums: [], optional: [] };
  for (const response of operation.responses) {
    contract.statuses.push(response.status);
    contract.errorExamples.push(...errorExamples(response));
    if (response.schemaName === undefined) continue;
    const w: Walk = { schemas, status: response.status, enums: [], optional: [] };
    walk(schemas[response.schemaName], '', response.schemaName, w, 0);
    contract.enums.push(...w.enums);
    contract.optional.push(...w.optional);
  }
  return contract;
}

/** How observations and reports name a site: "200 sync.history.status". */
export function siteKey(site: { status: string; path: string }): string {
  return `${site.status} ${site.path}`;
}

/** How observations name an error example: "400 no_waba". */
export function exampleKey(example: { status: string; name: string }): string {
  return `${example.status} ${example.name}`;
}
