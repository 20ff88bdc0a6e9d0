import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The cache directory is read once at module load: point it at a fresh folder for this file.
const dir = mkdtempSync(join(tmpdir(), 'zvc-cache-'));
process.env['ZAVU_CACHE_DIR'] = dir;

import { cachedValidator } from '../../src/cache/cached-validator';
import { loadContract } from '../../src/spec/load-contract';
import { packageRoot } from '../../src/package-root';

const specPath = join(packageRoot, 'specs/whatsapp-sync.openapi.yaml');
const opPath = '/v1/senders/{senderId}/whatsapp-sync';

test('a contract is computed once, then read from the cache with the same content', () => {
  const cold = loadContract(specPath, 'GET', opPath);
  expect(readdirSync(dir).filter((f) => f.startsWith('contract-'))).toHaveLength(1);
  const warm = loadContract(specPath, 'GET', opPath);
  expect(warm).toEqual(cold);
  expect(Object.keys(warm.schemas)).toContain('WhatsAppSyncStatusResponse');
});

test('a changed spec is a different key: never a stale contract', () => {
  const work = mkdtempSync(join(tmpdir(), 'zvc-spec-'));
  const copy = join(work, 'spec.yaml');
  copyFileSync(specPath, copy);
  const before = loadContract(copy, 'GET', opPath);
  writeFileSync(copy, require('node:fs').readFileSync(specPath, 'utf8').replace('version: 0.2.0', 'version: 0.3.0'));
  const after = loadContract(copy, 'GET', opPath);
  expect(before.spec.version).toBe('0.2.0');
  expect(after.spec.version).toBe('0.3.0');
});

test('a corrupt cache entry falls back to compiling', () => {
  const schemaPath = join(packageRoot, 'schemas/scenarios.schema.json');
  cachedValidator('probe', schemaPath);
  for (const file of readdirSync(dir).filter((f) => f.startsWith('probe-'))) writeFileSync(join(dir, file), 'this is { not javascript');
  const validate = cachedValidator('probe', schemaPath);
  expect(validate({ operation: { method: 'GET', path: '/x' }, scenarios: [] })).toBe(false);
  expect(validate.errors?.[0]?.instancePath).toBe('/scenarios');
});

test('errors in the spec are still reported on the cold path', () => {
  expect(() => loadContract(join(dir, 'absent.yaml'), 'GET', opPath)).toThrow(/absent\.yaml: spec file not found/);
});
