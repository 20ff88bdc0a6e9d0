/**
 * Every way a data file breaks its schema, one problem each, from ajv's allErrors pass: the
 * branches of a oneOf or anyOf said as one problem (the deepest breach, the one a person can act
 * on), each other breach its own, a `not` said as what it forbids. Only a file already found wrong
 * is read this way (read-data-file.ts): a clean load runs the first-error validator alone.
 */

import type { CachedValidate } from '../cache/cached-validator';
import { getAtPointer, parsePointer } from '../openapi/json-pointer';
import { comparePointers } from './data-problems';
import { keptAndRest } from '../text/shown-and-rest';

/** A breach as ajv reports it: one of the validator's errors (cached-validator.ts declares its shape once). */
export type SchemaBreach = NonNullable<CachedValidate['errors']>[number];

/** A schema problem of a data file: where, and what is wrong there. */
export interface SchemaProblem {
  pointer: string;
  problem: string;
  /** The count of those not listed: its line names no pointer, `pointer` (the last listed one's) only sorts it after them. */
  tail?: true;
}

/** The most problems said of one file: a folder of rows copied wrong breaks its schema thousands of times, and the first few say what to fix. */
export const SCHEMA_PROBLEMS_PER_FILE = 50;

/**
 * The most values (objects, arrays, strings, numbers… each one) a file may hold for the all-errors
 * pass: it keeps every breach before any is said, about 200 bytes each, and a 256 MiB file of rows
 * copied wrong held gigabytes of them (a heap exhausted is no line, but a crash). Thirty times the
 * largest file the package ships; a larger one says its first breach, as the first-error pass found it.
 */
export const ALL_ERRORS_MAX_VALUES = 100_000;

/** Whether `data` holds at most ALL_ERRORS_MAX_VALUES values: walked no further than that. */
export function fitsAllErrorsPass(data: unknown): boolean {
  const pending: unknown[] = [data];
  for (let seen = 0; pending.length > 0; seen += 1) {
    if (seen === ALL_ERRORS_MAX_VALUES) return false;
    const value = pending.pop();
    if (typeof value === 'object' && value !== null) for (const inner of Object.values(value)) pending.push(inner);
  }
  return true;
}

/** The properties of `keys` the object `value` has, "a and b". */
function present(value: unknown, keys: readonly string[]): string {
  const has = typeof value === 'object' && value !== null ? keys.filter((key) => Object.hasOwn(value, key)) : [];
  return has.join(' and ');
}

/**
 * What each `not` of the data schemas forbids, by schema file and schema path, said of the value it
 * forbids: ajv's own "must NOT be valid" says nothing of what. tests/registry/schema-problems.test.ts
 * finds every `not` of schemas/ here, so a new one is phrased before it ships.
 */
export const NOT_PHRASES: Readonly<Record<string, (value: unknown) => string>> = {
  // A row is one request (auth, expect), a sequence its steps (each with its own auth and expect): both at once is neither.
  'scenarios.schema.json#/properties/scenarios/items/oneOf/0/not': (value) => sequenceWithOwnRequest(value),
  'scenarios.schema.json#/properties/scenarios/items/oneOf/1/not': (value) => sequenceWithOwnRequest(value),
  'fixtures.schema.json#/properties/roles/additionalProperties/dependencies/writableWhen/not': () =>
    'has both writable and writableWhen: writable makes the role writable on every run, writableWhen only when its variable is set (consent per fixture); keep one',
};

/**
 * What a oneOf more than one branch of which matches says, by schema file and schema path: ajv's
 * "must match exactly one schema in oneOf" says neither which nor why.
 */
const ONE_OF_MANY_PHRASES: Readonly<Record<string, string>> = {
  'fixtures.schema.json#/properties/roles/additionalProperties/oneOf':
    'has both env and firstOf: a role is read from its own variable (env) or is the first configured of other roles (firstOf); keep one',
};

/** The line of a oneOf that matched more than one branch (no branch breached): its phrase, or which branches of where. */
function manyProblem(head: SchemaBreach, schema: string): SchemaProblem {
  const phrase = ONE_OF_MANY_PHRASES[`${schema}${head.schemaPath}`];
  if (phrase !== undefined) return { pointer: head.instancePath, problem: phrase };
  const passing = Array.isArray(head.params['passingSchemas']) ? (head.params['passingSchemas'] as unknown[]).map(String) : [];
  const which = passing.length > 1 ? ` (it matches branches ${passing.slice(0, -1).join(', ')} and ${passing[passing.length - 1] ?? ''} of ${schema}${head.schemaPath})` : '';
  return { pointer: head.instancePath, problem: `${head.message ?? 'must match exactly one schema in oneOf'}${which}` };
}

function sequenceWithOwnRequest(value: unknown): string {
  const own = present(value, ['auth', 'expect']) || 'auth or expect';
  return `has steps and a top-level ${own}: a sequence's steps each carry their own auth and expect (leave ${own} out of the scenario), a row of one request has auth and expect and no steps`;
}

/** The line of a `not` breach: its phrase, or where the schema that forbids it is. */
function notProblem(breach: SchemaBreach, data: unknown, schema: string): string {
  const phrase = NOT_PHRASES[`${schema}${breach.schemaPath}`];
  return phrase === undefined ? `must not match ${schema}${breach.schemaPath} (a combination its schema forbids)` : phrase(getAtPointer(data, parsePointer(breach.instancePath)));
}

/**
 * Why a scenario row or step may not carry a request body: the suite sends none (a contributor
 * certifying a POST of their own wrote one, and read only "must NOT have additional properties").
 * A row's or a step's own property only: a "body" under expect is another mistake.
 */
const ROW_OR_STEP = /^\/scenarios\/\d+(?:\/steps\/\d+)?$/;
const NO_REQUEST_BODY = ': the suite sends no request body (an operation whose request body is required is refused at load); leave "body" out';

function extraWhy(schema: string, breach: SchemaBreach): string {
  return schema === 'scenarios.schema.json' && breach.params['additionalProperty'] === 'body' && ROW_OR_STEP.test(breach.instancePath) ? NO_REQUEST_BODY : '';
}

/** The line of one breach, or of several at one value (the deepest, a `not` said as what it forbids). */
function lineOf(breaches: readonly SchemaBreach[], data: unknown, schema: string): SchemaProblem {
  const sorted = [...breaches].sort((a, b) => b.instancePath.length - a.instancePath.length);
  const deepest = sorted[0];
  if (deepest === undefined) return { pointer: '', problem: 'is invalid' };
  const atDeepest = sorted.filter((e) => e.instancePath === deepest.instancePath);
  const forbidden = atDeepest.find((e) => e.keyword === 'not');
  if (forbidden !== undefined) return { pointer: forbidden.instancePath, problem: notProblem(forbidden, data, schema) };
  const allowed = Array.isArray(deepest.params['allowedValues']) ? ` (allowed: ${(deepest.params['allowedValues'] as unknown[]).join(', ')})` : '';
  const extra = typeof deepest.params['additionalProperty'] === 'string' ? ` (${JSON.stringify(deepest.params['additionalProperty'])})${extraWhy(schema, deepest)}` : '';
  // One branch missing several properties needs them all.
  const missing = [...new Set(atDeepest.filter((e) => e.keyword === 'required').map((e) => String(e.params['missingProperty'])))];
  const message = deepest.keyword === 'required' && missing.length > 1 ? `must have the properties ${missing.join(' and ')}` : deepest.message;
  return { pointer: deepest.instancePath, problem: `${message ?? 'is invalid'}${allowed}${extra}` };
}

/** The branch index of `breach` under the combinator `head` ("#/…/oneOf" → its "/1/…"), or undefined. */
function branchOf(breach: SchemaBreach, head: SchemaBreach): number | undefined {
  const prefix = `${head.schemaPath}/`;
  if (!breach.schemaPath.startsWith(prefix)) return undefined;
  const index = Number.parseInt(breach.schemaPath.slice(prefix.length), 10);
  return Number.isNaN(index) ? undefined : index;
}

/**
 * One problem's line from its breaches: a breach of its own, or a oneOf's or anyOf's (`head`)
 * branches. Branches that each only miss properties at the combinator's value say what either
 * needs ("must have auth and expect, or steps"); else the branch the value comes nearest to is
 * said (its breaches deepest, then fewest, then first): a row with auth and no expect misses
 * expect, it does not "have steps", which the sequence's branch would say. `saysMissing` hears
 * each property the line says is missing.
 */
function problemOf(head: SchemaBreach, breaches: readonly SchemaBreach[], data: unknown, schema: string, saysMissing: (property: string) => void = () => undefined): SchemaProblem {
  if (isCombinator(head) && breaches.length === 0) return manyProblem(head, schema);
  if (!isCombinator(head)) return lineOf(breaches.length > 0 ? breaches : [head], data, schema);
  const branches = new Map<number, SchemaBreach[]>();
  for (const breach of breaches) {
    const index = branchOf(breach, head) ?? -1;
    const at = branches.get(index);
    if (at === undefined) branches.set(index, [breach]);
    else at.push(breach);
  }
  const onlyMissing = [...branches.values()].every((own) => own.every((e) => e.keyword === 'required' && e.instancePath === head.instancePath));
  if (onlyMissing && branches.size > 1) {
    const needs = [...branches.entries()].sort(([a], [b]) => a - b).map(([, own]) => [...new Set(own.map((e) => String(e.params['missingProperty'])))]);
    needs.flat().forEach(saysMissing);
    const problem = needs.every((names) => names.length === 1) ? `must have one of the properties ${needs.flat().join(', ')}` : `must have ${needs.map((names) => names.join(' and ')).join(', or ')}`;
    return { pointer: head.instancePath, problem };
  }
  // Each branch a type the value is not (a string, or a list of them): every type it may be.
  const types = [...branches.values()].map((own) => (own.length === 1 && own[0]?.keyword === 'type' && own[0].instancePath === head.instancePath ? String(own[0].params['type']) : undefined));
  if (branches.size > 1 && types.every((type) => type !== undefined)) return { pointer: head.instancePath, problem: `must be ${[...new Set(types)].join(' or ')}` };
  const depth = (own: readonly SchemaBreach[]): number => Math.max(...own.map((e) => e.instancePath.length));
  const nearest = [...branches.entries()].sort(([ia, a], [ib, b]) => depth(b) - depth(a) || a.length - b.length || ia - ib)[0];
  return lineOf(nearest === undefined ? [head] : nearest[1], data, schema);
}

const isCombinator = (breach: SchemaBreach): boolean => breach.keyword === 'oneOf' || breach.keyword === 'anyOf';

/** `pointer` and every pointer above it, itself first ("/a/0" → "/a/0", "/a", ""). */
function selfAndAbove(pointer: string): string[] {
  const above = [pointer];
  for (let rest = pointer; rest !== ''; above.push(rest)) {
    const at = rest.lastIndexOf('/');
    rest = at <= 0 ? '' : rest.slice(0, at);
  }
  return above;
}

/**
 * Every problem of `errors` (ajv's allErrors report on `data`, checked against schemas/`schema`),
 * one each, by pointer, at most SCHEMA_PROBLEMS_PER_FILE (the last then says how many more).
 * A breach inside a oneOf's or anyOf's branch belongs to the outermost such combinator at or above
 * its value; a combinator with no breach of its own branches (a oneOf two branches match) is its own.
 */
export function schemaProblems(errors: readonly SchemaBreach[], data: unknown, schema: string): SchemaProblem[] {
  const combinators = new Map<string, SchemaBreach[]>();
  for (const breach of errors) {
    if (!isCombinator(breach)) continue;
    const at = combinators.get(breach.instancePath);
    if (at === undefined) combinators.set(breach.instancePath, [breach]);
    else at.push(breach);
  }
  // The outermost combinator whose branch `breach` is in: the highest value, then the shortest schema path.
  const ownerOf = (breach: SchemaBreach): SchemaBreach | undefined => {
    let owner: SchemaBreach | undefined;
    for (const pointer of selfAndAbove(breach.instancePath)) {
      for (const combinator of combinators.get(pointer) ?? []) {
        if (combinator === breach || !breach.schemaPath.startsWith(`${combinator.schemaPath}/`)) continue;
        // Pointers come deepest first: one higher up, or as high with a shorter schema path, is further out.
        if (owner === undefined || pointer.length < owner.instancePath.length || combinator.schemaPath.length < owner.schemaPath.length) owner = combinator;
      }
    }
    return owner;
  };
  const groups = new Map<SchemaBreach, SchemaBreach[]>();
  for (const breach of errors) {
    const owner = ownerOf(breach);
    if (owner === undefined) {
      if (!groups.has(breach)) groups.set(breach, isCombinator(breach) ? [] : [breach]);
      continue;
    }
    const branches = groups.get(owner);
    if (branches === undefined) groups.set(owner, [breach]);
    else branches.push(breach);
  }
  // A property a oneOf's or anyOf's line already says is missing ("must have one of the properties
  // env, firstOf"), required again by another rule at the same value (writableWhen's env): one mistake, one line.
  const said = new Map<SchemaBreach, SchemaProblem>();
  const missingSaid = new Set<string>();
  for (const [head, breaches] of groups) {
    if (!isCombinator(head)) continue;
    // A combinator inside a branch says only that its own branches failed: theirs are among these.
    const problem = problemOf(head, breaches.filter((breach) => !isCombinator(breach)), data, schema, (name) => missingSaid.add(`${head.instancePath} ${name}`));
    said.set(head, problem);
  }
  // A value of the wrong type (a row that is a string) is that one mistake: a combinator at it, whose
  // branches ask for an object's properties, says nothing true of it ("has steps" of null).
  const mistyped = new Set<string>();
  for (const head of groups.keys()) if (head.keyword === 'type') mistyped.add(head.instancePath);
  const lines = new Map<string, SchemaProblem>();
  for (const [head, breaches] of groups) {
    if (isCombinator(head) && mistyped.has(head.instancePath)) continue;
    if (!isCombinator(head) && head.keyword === 'required' && missingSaid.has(`${head.instancePath} ${String(head.params['missingProperty'])}`)) continue;
    const problem = said.get(head) ?? problemOf(head, breaches, data, schema);
    lines.set(`${problem.pointer} ${problem.problem}`, problem);
  }
  // In the order the load says them (by pointer), so those listed are the first, a file's own before its rows'.
  const problems = [...lines.values()].sort((a, b) => comparePointers(a.pointer, b.pointer));
  const { shown, rest } = keptAndRest(problems, SCHEMA_PROBLEMS_PER_FILE);
  if (rest === 0) return shown;
  const last = shown[shown.length - 1]?.pointer ?? '';
  return [...shown, { pointer: last, problem: `breaks its schema in ${rest} more places after these, not listed`, tail: true }];
}
