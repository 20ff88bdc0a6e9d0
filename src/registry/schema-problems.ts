/**
 * Every way a data file breaks its schema, one problem each, from ajv's allErrors pass: the
 * branches of a oneOf or anyOf said as one problem (the deepest breach, the one a person can act
 * on), each other breach its own, a `not` said as what it forbids. Only a file already found wrong
 * is read this way (read-data-file.ts): a clean load runs the first-error validator alone.
 */

/** A breach as ajv reports it. */
export interface SchemaBreach {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** A schema problem of a data file: where, and what is wrong there. */
export interface SchemaProblem {
  pointer: string;
  problem: string;
}

/** The most problems said of one file: a folder of rows copied wrong breaks its schema thousands of times, and the first few say what to fix. */
export const SCHEMA_PROBLEMS_PER_FILE = 50;

/** The value at JSON pointer `pointer` of `data`, or undefined. */
function valueAt(data: unknown, pointer: string): unknown {
  let value = data;
  for (const segment of pointer.split('/').slice(1)) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[segment.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return value;
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

function sequenceWithOwnRequest(value: unknown): string {
  const own = present(value, ['auth', 'expect']) || 'auth or expect';
  return `has steps and a top-level ${own}: a sequence's steps each carry their own auth and expect (leave ${own} out of the scenario), a row of one request has auth and expect and no steps`;
}

/** The line of a `not` breach: its phrase, or where the schema that forbids it is. */
function notProblem(breach: SchemaBreach, data: unknown, schema: string): string {
  const phrase = NOT_PHRASES[`${schema}${breach.schemaPath}`];
  return phrase === undefined ? `must not match ${schema}${breach.schemaPath} (a combination its schema forbids)` : phrase(valueAt(data, breach.instancePath));
}

/** One problem's line from its breaches (one, or a oneOf's or anyOf's branches): the deepest breach, a `not` said as what it forbids. */
function problemOf(breaches: readonly SchemaBreach[], data: unknown, schema: string): SchemaProblem {
  // oneOf/anyOf report every branch; the deepest breach is the one a person can act on.
  const sorted = [...breaches].sort((a, b) => b.instancePath.length - a.instancePath.length);
  const deepest = sorted[0];
  if (deepest === undefined) return { pointer: '', problem: 'is invalid' };
  const atDeepest = sorted.filter((e) => e.instancePath === deepest.instancePath);
  // A row's branches each miss a property and forbid another: what it forbids is what the person wrote.
  const forbidden = atDeepest.find((e) => e.keyword === 'not');
  if (forbidden !== undefined) return { pointer: forbidden.instancePath, problem: notProblem(forbidden, data, schema) };
  const first = deepest;
  const allowed = Array.isArray(first.params['allowedValues']) ? ` (allowed: ${(first.params['allowedValues'] as unknown[]).join(', ')})` : '';
  const extra = typeof first.params['additionalProperty'] === 'string' ? ` (${JSON.stringify(first.params['additionalProperty'])})` : '';
  // An anyOf of required properties (an assertion needs equals, oneOf, present or type) fails once per branch: name them all.
  const missing = [...new Set(atDeepest.filter((e) => e.keyword === 'required').map((e) => String(e.params['missingProperty'])))];
  const message = first.keyword === 'required' && missing.length > 1 ? `must have one of the properties ${missing.join(', ')}` : first.message;
  return { pointer: first.instancePath, problem: `${message ?? 'is invalid'}${allowed}${extra}` };
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
 * one each, in ajv's order, at most SCHEMA_PROBLEMS_PER_FILE (the last then says how many more).
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
  // A property a oneOf's or anyOf's branches already say is missing ("must have one of the properties
  // env, firstOf"), required again by another rule at the same value (writableWhen's env): one mistake, one line.
  const missingInBranches = new Set<string>();
  for (const [head, breaches] of groups) {
    if (isCombinator(head)) for (const breach of breaches) if (breach.keyword === 'required' && breach.instancePath === head.instancePath) missingInBranches.add(`${head.instancePath} ${String(breach.params['missingProperty'])}`);
  }
  const lines = new Map<string, SchemaProblem>();
  for (const [head, breaches] of groups) {
    if (!isCombinator(head) && head.keyword === 'required' && missingInBranches.has(`${head.instancePath} ${String(head.params['missingProperty'])}`)) continue;
    // A combinator inside a branch says only that its own branches failed: theirs are among these.
    const own = breaches.filter((breach) => !isCombinator(breach));
    const problem = problemOf(own.length > 0 ? own : breaches.length > 0 ? breaches : [head], data, schema);
    lines.set(`${problem.pointer} ${problem.problem}`, problem);
  }
  const problems = [...lines.values()];
  if (problems.length <= SCHEMA_PROBLEMS_PER_FILE) return problems;
  const shown = problems.slice(0, SCHEMA_PROBLEMS_PER_FILE - 1);
  return [...shown, { pointer: '', problem: `breaks its schema in ${problems.length - shown.length} more places, not listed (the first ${shown.length} are)` }];
}
