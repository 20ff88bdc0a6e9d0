/**
 * A fingerprint of the data that defines the suite's cases: every operation's scenarios, the
 * families and rules they may name, and the fixture files their path parameters bind to, as
 * loaded (runInfo.casesSha256). The suite's version stays the same while this data changes (a
 * case gains HEAD steps under its old id, a rule's words change), and a verdict that changed with
 * it is the suite's change, not the target's: the history marks such a night "(new contract)" and
 * a baseline diff names it, as they do a spec edit.
 *
 * Of the data as loaded, in canonical JSON (keys sorted, no whitespace): a reindented file or one
 * with its keys in another order is the same data. Where a file was read from is not in it (the
 * same folder given from another working directory is the same cases; nor a fixture file's
 * `$schema`, a path too), nor are the settings a run picks cases with (--operation,
 * --allow-writes): those are the run's, not the data's.
 */
import { createHash } from 'node:crypto';
import { cacheKey, readCache, writeCache } from '../cache/content-cache';
import { canonicalJson, SHA256_HEX } from '../text/canonical-json';
import type { FixtureFile, Registry } from './load-registry';

/**
 * A fixture file as loaded, less where it is: its path (`file`) and its `$schema`, the path an
 * editor finds its schema by (a copy beside a project's package.json points it at node_modules).
 * The other files' `$schema` is not in the digest either: of them, only their lists are.
 */
function fixtureData(fixture: FixtureFile): Omit<FixtureFile, 'file'> {
  const { file: _file, $schema: _schema, ...data } = fixture as FixtureFile & { $schema?: unknown };
  return data;
}


/**
 * sha256 (hex) of the loaded operations data and fixtures. Kept in the content cache under the data
 * as JSON.stringify writes it (native, key order as loaded): the canonical text, every object's keys
 * sorted, cost every run ~20 ms and, in its short-lived objects, ~7 MiB more peak memory on the
 * read-only gate (measured side by side); a hit costs a stringify and a hash, ~3 ms.
 */
export function casesDigest(registry: Pick<Registry, 'operations' | 'families' | 'rules' | 'fixtures'>): string {
  const data = {
    operations: registry.operations.map(({ operationId, scenarios }) => ({ operationId, scenarios })),
    families: registry.families,
    rules: registry.rules,
    fixtures: registry.fixtures.map(fixtureData),
  };
  const file = cacheKey('cases-digest', 'txt', JSON.stringify(data));
  const cached = readCache(file);
  if (cached !== undefined && SHA256_HEX.test(cached)) return cached;
  const digest = createHash('sha256').update(canonicalJson(data)).digest('hex');
  writeCache(file, digest);
  return digest;
}
