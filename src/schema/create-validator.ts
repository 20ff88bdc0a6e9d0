/**
 * The ajv-backed SchemaValidator over component schemas, reached two ways: compiled by ajv (one
 * instance, every component added once), or loaded from the standalone code a strict compile of
 * the very same schemas wrote earlier (run-validator.ts keeps it in the content cache), which needs
 * neither ajv's load (~40 ms) nor its compile (~35 ms) on every run. Both give the same issues:
 * an error is located in its component by the identity of its parentSchema, so the standalone
 * code is handed the schema objects themselves (its literal copies of them are replaced by
 * references when it is written) and the formats table ajv was given (OPENAPI_FORMATS).
 * ajv itself is loaded only to compile: a warm run never loads it.
 */
import type Ajv from 'ajv';
import type { ErrorObject } from 'ajv';
import { SpecError } from '../model/errors';
import type { SchemaIssue, SchemaValidator } from '../model/schema';
import { componentId } from './component-id';
import type { JsonSchema } from './json-schema';
import { boundedCall, boundedRegExp, PATTERN_BOUND_MS, REGEXP_PARAM, undecidedIn } from './bounded-pattern';
import { addOpenApiFormats, OPENAPI_FORMATS } from './openapi-formats';
import { indexSchemas, type SchemaIndex } from './schema-index';
import { findUndeclaredProperties } from './undeclared-properties';

/** How createSchemaValidator prepares its validators. */
export interface SchemaValidatorOptions {
  /** Compile every component now, so a broken one fails here; default: on first use of each. */
  eager?: boolean;
  /**
   * Every schema was already checked against the JSON Schema meta-schema (an earlier run over the
   * same content said so): skip that check, whose validator is the costliest thing ajv compiles.
   * Strict compilation (unknown keywords and formats, bad $refs) still runs.
   */
  metaChecked?: boolean;
}

/** A compiled component validator, as ajv and its standalone code both shape it. */
interface ValidateFn {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/**
 * verbose: errors carry parentSchema, which locates them in their component. inlineRefs off: each
 * component stays its own function, so ajv's schemaPath stays relative to that file. addUsedSchema
 * off: compiling an anyOf branch on the side must not register it under "". ownProperties: a body
 * is judged on its own keys, so a contract's property named "constructor" (or toString, valueOf…)
 * is absent from a body that leaves it out, not Object's function read through the prototype (a
 * wrong "must be string", and a required one never missing). strictRequired off: JSON Schema lets
 * `required` name a property no `properties` entry declares (an allOf branch making a base's
 * property required, a description adding one), which strict mode would refuse as a schema that
 * does not compile; a body without it fails, naming it. strictTypes off: `type` is optional, and
 * an object schema without it (or an allOf branch adding only `required`) is judged as written;
 * an unknown keyword is still refused (strictSchema). Part of the cache key of the
 * standalone code (run-validator.ts): other options, other code.
 */
const AJV_OPTIONS = { allErrors: true, strict: true, strictRequired: false, strictTypes: false, verbose: true, inlineRefs: false, addUsedSchema: false, ownProperties: true } as const;

/** The parameters the standalone code's factory takes (see compileWithStandalone). */
const SCHEMAS_PARAM = '__schemas';
const FORMATS_PARAM = '__formats';

/**
 * What the standalone code's shape depends on besides the schemas and ajv's version, for its
 * cache key: ajv's options, the factory's form (its revision: raise it when compileWithStandalone
 * writes anything else; 2: the pattern engine handed in, bounded-pattern.ts; 3: code revision 2 wrote kept one compiled pattern for all of a spec's, so none of it is read), and the format names it may look up (their functions are handed in at
 * load, so a changed function needs no new code; a missing name would).
 */
export const STANDALONE_LAYOUT = JSON.stringify({ options: AJV_OPTIONS, factory: `3: (${SCHEMAS_PARAM}, ${FORMATS_PARAM}, ${REGEXP_PARAM}) => validators`, formats: Object.keys(OPENAPI_FORMATS).sort() });

/** Component name → ajv key: a schema's own `$id`, else "<Name>.json". */
function componentIds(schemas: Record<string, object>): Map<string, string> {
  return new Map(
    Object.entries(schemas).map(([name, schema]) => {
      const ownId = (schema as JsonSchema)['$id'];
      return [name, typeof ownId === 'string' ? ownId : componentId(name)] as const;
    }),
  );
}

/** An Ajv with the formats and every component added (nothing compiled yet). */
function contractAjv(schemas: Record<string, object>, ids: ReadonlyMap<string, string>, metaChecked: boolean, standalone: boolean): Ajv {
  const { default: AjvClass, _ } = require('ajv') as typeof import('ajv');
  const { Name } = require('ajv/dist/compile/codegen') as typeof import('ajv/dist/compile/codegen');
  // A Name, not a string: interpolated as the factory's parameter, not as a string literal.
  const source = standalone ? { source: true, formats: _`${new Name(FORMATS_PARAM)}` } : {};
  // Every `pattern` runs under a time bound: a spec's own pattern may backtrack catastrophically.
  const ajv = addOpenApiFormats(new AjvClass({ ...AJV_OPTIONS, validateSchema: !metaChecked, code: { ...source, regExp: boundedRegExp } }));
  for (const [name, id] of ids) {
    const schema = schemas[name] as JsonSchema;
    guard(name, () => ajv.addSchema(schema, schema['$id'] === id ? undefined : id));
  }
  return ajv;
}

/** Keywords whose values are data, not schemas: no branch of the walk's is under them. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples', 'example']);

/** The SchemaValidator over `validateOf`, whichever way its functions were made. */
function validatorOver(schemas: Record<string, object>, ids: ReadonlyMap<string, string>, validateOf: (name: string, id: string) => ValidateFn, branchAjv: () => Ajv): SchemaValidator {
  const byId = new Map([...ids].map(([name, id]) => [id, schemas[name] as JsonSchema] as const));
  const index = indexSchemas(byId);
  const compiled = (name: string): { id: string; validate: ValidateFn } => {
    const id = ids.get(name);
    if (id === undefined) throw new SpecError(`no component schema named "${name}"`);
    return { id, validate: validateOf(name, id) };
  };
  const branchValidators = new WeakMap<object, ValidateFn | null>();
  const branchValidator = (schema: JsonSchema): ValidateFn | null => {
    let validate = branchValidators.get(schema);
    if (validate === undefined) {
      // A branch compiled alone can still trip strict mode (strictTuples; with strictTypes off, no
      // longer for the parent's `type` it loses); treat it as not matching, which only means fewer warnings.
      validate = safeCompile(branchAjv(), schema);
      branchValidators.set(schema, validate);
    }
    return validate;
  };
  const matches = (schema: JsonSchema, data: unknown): boolean => {
    const validate = branchValidator(schema);
    return validate !== null && boundedCall(() => validate(data)) === true;
  };
  // Every anyOf/oneOf branch the walk may test, compiled before its bound: an interrupt lands
  // wherever the call is, and one inside ajv.compile skipped ajv's own cleanup (a vm interrupt
  // runs no finally), so each later compile of that branch failed and it never matched again.
  const scanned = new WeakSet<object>();
  const compileBranches = (root: JsonSchema): void => {
    const pending: unknown[] = [root];
    for (let value = pending.pop(); value !== undefined || pending.length > 0; value = pending.pop()) {
      if (typeof value !== 'object' || value === null || scanned.has(value)) continue;
      scanned.add(value);
      if (Array.isArray(value)) {
        pending.push(...(value as unknown[]));
        continue;
      }
      const schema = value as JsonSchema;
      if (typeof schema['$ref'] === 'string') pending.push(index.resolve(schema['$ref']));
      for (const keyword of ['anyOf', 'oneOf']) {
        const branches = schema[keyword];
        if (Array.isArray(branches)) for (const branch of branches) if (typeof branch === 'object' && branch !== null && !Array.isArray(branch)) branchValidator(branch as JsonSchema);
      }
      for (const [keyword, child] of Object.entries(schema)) if (!DATA_KEYWORDS.has(keyword)) pending.push(child);
    }
  };
  // A spec's patternProperties keys, compiled once each, tested as ajv's own patterns are.
  const keyPatterns = new Map<string, ReturnType<typeof boundedRegExp>>();
  const matchesPattern = (pattern: string, key: string): boolean => {
    let compiledPattern = keyPatterns.get(pattern);
    if (compiledPattern === undefined) {
      compiledPattern = boundedRegExp(pattern, 'u');
      keyPatterns.set(pattern, compiledPattern);
    }
    return compiledPattern.test(key);
  };
  return {
    names: [...ids.keys()],
    has: (name) => ids.has(name),
    validate(name, data) {
      const { id, validate } = compiled(name);
      if (boundedCall(() => validate(data)) === true) return [];
      return (validate.errors ?? []).map((error) => toIssue(error, id, index));
    },
    undeclaredProperties(name, data, keep) {
      const { id } = compiled(name);
      const root = byId.get(id);
      if (root === undefined) return { pointers: [], count: 0 };
      compileBranches(root);
      // The walk tests patternProperties keys too: under the same bounds as a validate call.
      return boundedCall(() => findUndeclaredProperties(root, data, { resolve: index.resolve, matches, matchesPattern }, keep));
    },
  };
}

/** ajv's validator of one registered component; @throws SpecError when it does not compile. */
function ajvValidate(ajv: Ajv, name: string, id: string): ValidateFn {
  const validate = guard(name, () => ajv.getSchema(id));
  if (validate === undefined) throw new SpecError(`component schema "${name}" (${id}) is not registered`);
  return validate;
}

/**
 * A validator over schemas (component name → draft-07 schema, as convertComponents or the
 * schemas/components files give them). A schema's own `$id` is its ajv key, else "<Name>.json".
 *
 * @throws SpecError when a schema is rejected by ajv (strict mode, unknown format, bad $ref).
 */
export function createSchemaValidator(schemas: Record<string, object>, options: SchemaValidatorOptions = {}): SchemaValidator {
  return ajvValidator(schemas, options, false).validator;
}

/** The compiled validator, with the Ajv that holds it (`standalone`: able to write its code). */
function ajvValidator(schemas: Record<string, object>, options: SchemaValidatorOptions, standalone: boolean): { validator: SchemaValidator; ajv: Ajv; ids: Map<string, string> } {
  const ids = componentIds(schemas);
  const ajv = contractAjv(schemas, ids, options.metaChecked === true, standalone);
  if (options.eager === true) for (const [name, id] of ids) ajvValidate(ajv, name, id);
  return { validator: validatorOver(schemas, ids, (name, id) => ajvValidate(ajv, name, id), () => ajv), ajv, ids };
}

/**
 * Every component compiled now (strict), and the same validators as standalone code for the
 * cache: a CommonJS module exporting `(schemas, formats) => { [component name]: validate }`, or
 * undefined when ajv could not write it (the run goes on with the compiled validators).
 *
 * @throws SpecError when a schema is rejected by ajv
 */
export function compileWithStandalone(schemas: Record<string, object>, metaChecked: boolean): { validator: SchemaValidator; standalone?: string } {
  const { validator, ajv, ids } = ajvValidator(schemas, { eager: true, metaChecked }, true);
  try {
    const standaloneCode = (require('ajv/dist/standalone') as typeof import('ajv/dist/standalone')).default;
    const { stringify } = require('ajv/dist/compile/codegen/code') as { stringify: (value: unknown) => string };
    let code = standaloneCode(ajv, Object.fromEntries(ids));
    // Each component's literal copy (`const schemaN = {…};`, written by ajv's own stringify)
    // becomes the object handed in, so errors point into the schemas the index knows. Only when
    // each component has a literal of its own: two alike, or one missing, and errors could be
    // located elsewhere than the compiled validators locate them, so nothing is kept.
    const literals = Object.entries(schemas).map(([name, schema]) => [name, `= ${stringify(schema)};`] as const);
    if (new Set(literals.map(([, literal]) => literal)).size !== literals.length || !literals.every(([, literal]) => code.includes(literal))) return { validator };
    for (const [name, literal] of literals) code = code.split(literal).join(`= ${SCHEMAS_PARAM}[${JSON.stringify(name)}];`);
    return { validator, standalone: `module.exports = function (${SCHEMAS_PARAM}, ${FORMATS_PARAM}, ${REGEXP_PARAM}) { const exports = {};\n${code}\nreturn exports; };\n` };
  } catch {
    return { validator };
  }
}

/**
 * The validator from standalone code compileWithStandalone wrote for these very schemas, or
 * undefined when it does not load or lacks a component (the caller then compiles).
 * `load` turns the source into its module's exported function (cache/load-module.ts).
 */
export function loadStandalone(source: string, schemas: Record<string, object>, load: (source: string) => ((...args: never[]) => unknown) | undefined): SchemaValidator | undefined {
  const ids = componentIds(schemas);
  let functions: Record<string, unknown>;
  try {
    const factory = load(source) as ((schemas: Record<string, object>, formats: typeof OPENAPI_FORMATS, regExp: typeof boundedRegExp) => Record<string, unknown>) | undefined;
    if (factory === undefined) return undefined;
    functions = factory(schemas, OPENAPI_FORMATS, boundedRegExp);
  } catch {
    return undefined;
  }
  if (![...ids.keys()].every((name) => typeof functions[name] === 'function')) return undefined;
  let ajv: Ajv | undefined;
  // Only an anyOf/oneOf branch in an undeclared-properties walk needs ajv; none in this contract.
  const branchAjv = (): Ajv => (ajv ??= contractAjv(schemas, ids, true, false));
  return validatorOver(schemas, ids, (name) => functions[name] as ValidateFn, branchAjv);
}

function toIssue(error: ErrorObject, rootId: string, index: SchemaIndex): SchemaIssue {
  const parent: unknown = error.parentSchema;
  const location = typeof parent === 'object' && parent !== null ? index.locationOf(parent) : undefined;
  // ajv's schemaPath is "#/…/<keyword>" relative to the compiled function's root; the located
  // parent schema gives the component and the full pointer, the keyword segment is ajv's.
  const keywordSegment = error.schemaPath.slice(error.schemaPath.lastIndexOf('/'));
  const schemaPath = location !== undefined ? `${location}${keywordSegment}` : `${rootId}${error.schemaPath}`;
  return {
    instancePath: error.instancePath,
    schemaPath,
    keyword: error.keyword,
    message: undecidedPattern(error) ?? error.message ?? `must pass "${error.keyword}"`,
    params: { ...error.params },
  };
}

/** The message of a `pattern` that did not decide within its bound on the string, else undefined. */
function undecidedPattern(error: ErrorObject): string | undefined {
  const pattern: unknown = error.params['pattern'];
  if (error.keyword !== 'pattern' || typeof pattern !== 'string' || typeof error.data !== 'string') return undefined;
  const why = undecidedIn(pattern, error.data);
  if (why === undefined) return undefined;
  const bound = `the bound of ${PATTERN_BOUND_MS} ms the suite keeps to protect itself`;
  return `must match pattern "${pattern}" (undecided: ${why === 'backtracked' ? `the pattern backtracked on this string until ${bound} ran out` : `${bound} ran out on this body's other strings before this one was tested`})`;
}

function guard<T>(name: string, action: () => T): T {
  try {
    return action();
  } catch (error) {
    throw new SpecError(compileProblem(name, error instanceof Error ? error.message : String(error)));
  }
}

/**
 * Why a component does not compile, said as where in the contract and what: ajv names a schema that
 * breaks the meta-schema by its own id and a "data" root ("schema is invalid: data/properties/x/type
 * must be …, data/…"); the first finding is put at its place under the component.
 */
function compileProblem(name: string, reason: string): string {
  const first = reason.split('\n')[0] ?? reason;
  const invalid = /^schema is invalid: data(\/\S*)? (.+?)(?:, data[/ ].*)?$/.exec(first);
  const at = `#/components/schemas/${name}${invalid?.[1] ?? ''}`;
  return `schema ${at} does not compile: ${invalid?.[2] ?? first}`;
}

function safeCompile(ajv: Ajv, schema: JsonSchema): ValidateFn | null {
  try {
    return ajv.compile(schema);
  } catch {
    return null;
  }
}
