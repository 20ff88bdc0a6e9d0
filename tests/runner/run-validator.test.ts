/**
 * The run's schema validator checks the schemas against the meta-schema once per content: the
 * check that passed leaves a marker in the content cache, later runs over the same schemas skip
 * it, and a damaged marker (or none) makes the check run again. A schema that fails the check
 * leaves no marker. The strict compile, once passed, leaves its validators as standalone code,
 * which later runs over the same schemas load instead of compiling.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SpecError } from '../../src/model/errors';
import { checkedMarker, runValidator, standaloneEntry } from '../../src/runner/run-validator';
import { scratchCacheDirs } from '../support/scratch-cache';

const cacheDir = scratchCacheDirs('zvc-validator-cache-');

const markers = (): string[] => readdirSync(cacheDir()).filter((f) => f.startsWith('schemas-checked-'));

test('a passed check leaves one marker; a damaged marker is ignored and rewritten', () => {
  const schemas = { Name: { type: 'string', minLength: 1 } };
  expect(runValidator(schemas).validate('Name', '')).toHaveLength(1);
  expect(markers()).toHaveLength(1);
  const marker = join(cacheDir(), markers()[0] ?? '');
  writeFileSync(marker, 'damaged');
  // Without the compiled code the next run keeps, the schemas are compiled (and checked) again.
  rmSync(standaloneEntry(schemas));
  expect(runValidator(schemas).validate('Name', 'x')).toEqual([]);
  expect(readFileSync(marker, 'utf8')).not.toBe('damaged');
});

test('a schema the meta-schema rejects stops the run and leaves no marker', () => {
  expect(() => runValidator({ Name: { type: 'string', minLength: -1 } })).toThrow(SpecError);
  expect(markers()).toEqual([]);
});

test('a marker for these very schemas skips the meta-schema check (strict compilation still runs)', () => {
  const good = { Name: { type: 'string', minLength: 1 } };
  const offMeta = { Name: { type: 'string', minLength: -1 } };
  runValidator(good);
  // The marker a passed check wrote, put under the key of schemas the meta-schema rejects: only a skipped check lets them through.
  writeFileSync(checkedMarker(offMeta), readFileSync(checkedMarker(good)));
  expect(() => runValidator(offMeta)).not.toThrow();
  expect(() => runValidator({ Name: { type: 'string', minLenght: 1 } })).toThrow(/unknown keyword/);
});

const entries = (): string[] => readdirSync(cacheDir()).filter((f) => f.startsWith('contract-validators-'));

test('a strict compile leaves its validators as standalone code, and a later run uses that code instead of compiling', () => {
  const schemas = { Name: { type: 'string', minLength: 1 } };
  expect(runValidator(schemas).validate('Name', '')).toHaveLength(1);
  expect(entries()).toEqual([standaloneEntry(schemas).split(/[\\/]/).pop()]);
  // An entry under these schemas' key is what the next run runs: one that accepts nothing shows it was used.
  writeFileSync(standaloneEntry(schemas), 'module.exports = function () { const refuse = () => { refuse.errors = [{ instancePath: "", schemaPath: "#/cached", keyword: "cached", params: {}, message: "from the cache" }]; return false; }; return { Name: refuse }; };');
  expect(runValidator(schemas).validate('Name', 'x').map((i) => i.message)).toEqual(['from the cache']);
});

test('a damaged entry is ignored and written again', () => {
  const schemas = { Name: { type: 'string', minLength: 1 } };
  runValidator(schemas);
  writeFileSync(standaloneEntry(schemas), 'damaged');
  expect(runValidator(schemas).validate('Name', 'x')).toEqual([]);
  expect(readFileSync(standaloneEntry(schemas), 'utf8')).toMatch(/^module\.exports = function/);
});

test('a schema that does not compile leaves no entry', () => {
  expect(() => runValidator({ Name: { type: 'string', minLenght: 1 } })).toThrow(SpecError);
  expect(entries()).toEqual([]);
});
