/**
 * A spec's own `pattern` keywords run on a target's strings: a catastrophic one (`^(a+)+$`) on a
 * hostile string once hung the run inside one synchronous validate call. The hostile case runs in
 * a child process with a kill timeout (a synchronous hang cannot be stopped by jest's own timeout),
 * against a node:http target on 127.0.0.1 answering 40 "a"s then "!".
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { compileWithStandalone, createSchemaValidator, loadStandalone } from '../../src/schema/create-validator';
import { loadCachedFunction } from '../../src/cache/load-module';

const repoRoot = join(__dirname, '..', '..');

const schemas = (pattern: string): Record<string, object> => ({
  Named: { type: 'object', required: ['name'], properties: { name: { type: 'string', pattern } } },
});

test('a catastrophic pattern on a hostile target string fails response-schema promptly, naming the pattern, in the compiled and the standalone validators', () => {
  const script = `
const http = require('node:http');
const { compileWithStandalone, loadStandalone } = require(${JSON.stringify(join(repoRoot, 'dist/schema/create-validator.js'))});
const schemas = ${JSON.stringify(schemas('^(a+)+$'))};
const server = http.createServer((req, res) => { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify({ name: 'a'.repeat(40) + '!' })); });
server.listen(0, '127.0.0.1', async () => {
  const body = await (await fetch('http://127.0.0.1:' + server.address().port + '/')).json();
  server.close();
  const { validator, standalone } = compileWithStandalone(schemas, false);
  const loaded = loadStandalone(standalone, schemas, (source) => { const m = { exports: {} }; new Function('module', 'exports', source)(m, m.exports); return m.exports; });
  console.log(JSON.stringify([validator.validate('Named', body), loaded.validate('Named', body)]));
});`;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 30000 });
  expect(run.error).toBeUndefined();
  expect(run.stderr).toBe('');
  const [compiled, standalone] = JSON.parse(run.stdout) as { keyword: string; instancePath: string; message: string }[][];
  for (const issues of [compiled, standalone]) {
    expect(issues).toEqual([expect.objectContaining({ keyword: 'pattern', instancePath: '/name', message: expect.stringContaining('must match pattern "^(a+)+$" (undecided') })]);
  }
});

test('a body of many distinct hostile strings costs one bound, not one per string: each fails, said undecided', () => {
  const script = `
const { createSchemaValidator } = require(${JSON.stringify(join(repoRoot, 'dist/schema/create-validator.js'))});
const validator = createSchemaValidator({ Names: { type: 'array', items: { type: 'string', pattern: '^(a+)+$' } } });
console.log(JSON.stringify(validator.validate('Names', Array.from({ length: 50 }, (_, i) => 'a'.repeat(40 + i) + '!'))));`;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 30000 });
  expect(run.error).toBeUndefined();
  const issues = JSON.parse(run.stdout) as { keyword: string; instancePath: string; message: string }[];
  expect(issues.map((issue) => issue.instancePath)).toEqual(Array.from({ length: 50 }, (_, i) => `/${i}`));
  for (const issue of issues) expect(issue).toEqual(expect.objectContaining({ keyword: 'pattern', message: expect.stringContaining('(undecided') }));
});

test('an ordinary pattern still decides: a matching string passes, another fails with ajv\'s own message', () => {
  const { validator, standalone } = compileWithStandalone(schemas('^[a-z]+@[a-z]+\\.[a-z]{2,}$'), false);
  const loaded = loadStandalone(standalone ?? '', schemas('^[a-z]+@[a-z]+\\.[a-z]{2,}$'), (source) => loadCachedFunction(source, 'bounded-pattern-test'));
  for (const each of [validator, loaded, createSchemaValidator(schemas('^[a-z]+@[a-z]+\\.[a-z]{2,}$'))]) {
    expect(each?.validate('Named', { name: 'ann@example.org' })).toEqual([]);
    expect(each?.validate('Named', { name: 'Ann at example' })).toEqual([expect.objectContaining({ keyword: 'pattern', message: 'must match pattern "^[a-z]+@[a-z]+\\.[a-z]{2,}$"' })]);
  }
  // A catastrophic pattern on a string it matches decides at once, and passes.
  expect(createSchemaValidator(schemas('^(a+)+$')).validate('Named', { name: 'a'.repeat(40) })).toEqual([]);
});

/** Runs `script` in a child (a hang cannot be stopped from inside), returning what it printed as JSON. */
function inChild<T>(script: string): T {
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 30000 });
  expect(run.error).toBeUndefined();
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as T;
}

const childValidator = (schemasSource: string): string => `
const { createSchemaValidator } = require(${JSON.stringify(join(repoRoot, 'dist/schema/create-validator.js'))});
const validator = createSchemaValidator(${schemasSource});
const hostile = (n) => 'a'.repeat(n) + '!';`;

test('a string left no time by a hostile one is said unreached, not remembered: the same string alone later decides (it matches)', () => {
  const [first, later] = inChild<{ instancePath: string; message: string }[][]>(`${childValidator(JSON.stringify({ Names: { type: 'array', items: { type: 'string', pattern: '^(a+)+$' } } }))}
console.log(JSON.stringify([validator.validate('Names', [hostile(40), 'aaa']), validator.validate('Names', ['aaa'])]));`);
  expect(later).toEqual([]);
  expect(first).toEqual([
    expect.objectContaining({ instancePath: '/0', message: expect.stringContaining('(undecided: the pattern backtracked on this string') }),
    expect.objectContaining({ instancePath: '/1', message: expect.stringContaining('(undecided: the bound of 1000 ms the suite keeps to protect itself ran out on this body\'s other strings before this one was tested)') }),
  ]);
});

test('past 64 remembered strings, each undecided string of a body is still said undecided', () => {
  const issues = inChild<{ message: string }[]>(`${childValidator(JSON.stringify({ Names: { type: 'array', items: { type: 'string', pattern: '^(a+)+$' } } }))}
console.log(JSON.stringify(validator.validate('Names', Array.from({ length: 70 }, (_, i) => hostile(40 + i)))));`);
  expect(issues).toHaveLength(70);
  for (const issue of issues) expect(issue.message).toContain('(undecided');
});

test('a patternProperties pattern runs under the bound in the undeclared-properties walk too: a hostile key ends promptly', () => {
  const walked = inChild<unknown>(`${childValidator(JSON.stringify({ Map: { type: 'object', properties: { id: { type: 'string' } }, patternProperties: { '^(a+)+$': { type: 'string' } } } }))}
console.log(JSON.stringify(validator.undeclaredProperties('Map', { id: 'x', [hostile(40)]: 'y' })));`);
  // The object is open (patternProperties); undecided counts as not matched, so the value is walked with no schema.
  expect(walked).toEqual({ pointers: [], count: 0 });
});

test('the second tier\'s bound is spent by pattern tests alone: a call slow for other reasons still decides its patterns', () => {
  const decided = inChild<boolean>(`
const { boundedCall, boundedRegExp, PATTERN_BOUND_MS } = require(${JSON.stringify(join(repoRoot, 'dist/schema/bounded-pattern.js'))});
const pattern = boundedRegExp('^a+$', 'u');
// Work that is no pattern's (a large body's own validation on a loaded machine) outlasting the bound in both tiers.
const spin = () => { const end = performance.now() + PATTERN_BOUND_MS * 1.2; while (performance.now() < end); };
console.log(JSON.stringify(boundedCall(() => { spin(); return pattern.test('aaa'); })));`);
  expect(decided).toBe(true);
});

test('each pattern of a spec is tested as itself: two patterns are not one (ajv keys compiled patterns by their toString)', () => {
  const two: Record<string, object> = {
    Item: { type: 'object', properties: { id: { type: 'string', pattern: '^[A-Z]{2}-\\d+$' }, name: { type: 'string', pattern: '^\\p{L}+$' }, emoji: { type: 'string', pattern: '^.$' } } },
  };
  const { validator, standalone } = compileWithStandalone(two, false);
  const loaded = loadStandalone(standalone ?? '', two, (source) => loadCachedFunction(source, 'bounded-pattern-two-test'));
  for (const each of [validator, loaded, createSchemaValidator(two)]) {
    // \p{L} and an astral character as one `.` need the `u` flag, as ajv's own engine gives.
    expect(each?.validate('Item', { id: 'AB-12', name: 'Zoë', emoji: '😀' })).toEqual([]);
    expect(each?.validate('Item', { id: 'ab-1', name: 'Z1', emoji: '😀😀' }).map((issue) => [issue.instancePath, issue.message])).toEqual([
      ['/id', 'must match pattern "^[A-Z]{2}-\\d+$"'],
      ['/name', 'must match pattern "^\\p{L}+$"'],
      ['/emoji', 'must match pattern "^.$"'],
    ]);
  }
});

test('the undeclared-properties walk compiles its anyOf/oneOf branches before the bound: an interrupt inside ajv.compile leaves ajv half-made, and the branch then never matched', () => {
  // Where a compile runs is seen from its stack: the bound runs its call as a vm script ("evalmachine").
  const inBound = inChild<boolean[]>(`
Error.stackTraceLimit = Infinity;
const Ajv = require(require.resolve('ajv', { paths: [${JSON.stringify(repoRoot)}] })).default;
const compile = Ajv.prototype.compile;
const seen = [];
Ajv.prototype.compile = function (...args) { seen.push(new Error().stack.includes('evalmachine')); return compile.apply(this, args); };
${childValidator(JSON.stringify({ U: { type: 'object', properties: { code: { type: 'string', pattern: '^p+$' }, u: { anyOf: [{ $ref: 'Inner.json' }, { type: 'string' }] } } }, Inner: { type: 'object', properties: { v: { oneOf: [{ type: 'integer' }, { type: 'object', properties: { w: { type: 'string' } } }] } } } }))}
const walked = validator.undeclaredProperties('U', { code: 'p', u: { v: { w: 'x', extra: 1 } } });
if (JSON.stringify(walked.pointers) !== '["/u/v/extra"]') throw new Error(JSON.stringify(walked));
console.log(JSON.stringify(seen));`);
  expect(inBound.length).toBeGreaterThan(0);
  expect(inBound).not.toContain(true);
});

test('two spellings of one pattern (`/` and `\\/`) share ajv\'s compiled pattern: an undecided string of the second is still said undecided', () => {
  const messages = inChild<string[]>(`${childValidator(JSON.stringify({ T: { type: 'object', properties: { a: { type: 'string', pattern: '^(a+)+/$' }, b: { type: 'string', pattern: '^(a+)+\\/$' } } } }))}
console.log(JSON.stringify(validator.validate('T', { b: hostile(40) }).map((issue) => issue.message)));`);
  expect(messages).toEqual([expect.stringContaining('must match pattern "^(a+)+\\/$" (undecided: the pattern backtracked')]);
});

test('with ordinary patterns the issues are plain ajv\'s, in the compiled, standalone and created validators, for pattern and patternProperties alike', () => {
  // JSON Schema patterns are unanchored, and ajv compiles each with the `u` flag: \p{…}, astral `.`, lookarounds, backreferences.
  const patterns = ['abc', '^abc$', '\\d+', '^\\p{L}+$', '^.$', '^a$', '(?<=x)a', '(a)\\1', '^(?!b)', '[😀-😂]', 'a/b', 'a\\/b', '^\\w+\\s?$'];
  const strings = ['xabcx', 'abc', '12', 'Zoë', '😀', 'a\nb', 'b\na', 'xa', 'aa', 'b', 'a/b', '😁', ''];
  const specs: Record<string, object> = Object.fromEntries(patterns.map((pattern, i) => [`P${i}`, {
    type: 'object', properties: { text: { type: 'string', pattern }, keys: { type: 'object', patternProperties: { [pattern]: { type: 'integer' } } } },
  }]));
  const { default: Ajv } = require('ajv') as typeof import('ajv');
  const plain = new Ajv({ allErrors: true, strict: true, strictRequired: false, strictTypes: false, verbose: true, inlineRefs: false, ownProperties: true });
  const { validator, standalone } = compileWithStandalone(specs, false);
  const loaded = loadStandalone(standalone ?? '', specs, (source) => loadCachedFunction(source, 'bounded-pattern-differential-test'));
  const created = createSchemaValidator(specs);
  const shape = (issue: { instancePath: string; keyword: string; message?: string; params: object }): unknown[] => [issue.instancePath, issue.keyword, issue.message, issue.params];
  let failing = 0;
  for (const [name, schema] of Object.entries(specs)) {
    const validate = plain.compile(schema);
    for (const text of strings) {
      const body = { text, keys: { [text]: 'not an integer' } };
      const expected = validate(body) ? [] : (validate.errors ?? []).map(shape);
      if (expected.length > 0) failing += 1;
      for (const each of [validator, loaded, created]) expect([name, text, each?.validate(name, body).map(shape)]).toEqual([name, text, expected]);
    }
  }
  // Both outcomes were compared, not only passes.
  expect(failing).toBeGreaterThan(10);
});
