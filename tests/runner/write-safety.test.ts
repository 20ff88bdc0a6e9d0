/** The write-safety rules on a run's settings (src/runner/write-safety.ts): --allow-live-writes opens --allow-writes to any key; the key and the host alone decide --mock-target. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { resolveRunConfig } from '../../src/config/run-config';
import { isProductionKey, writeSafetyRefusal } from '../../src/runner/write-safety';
import { isZavuHost } from '../../src/model/zavu-host';
import { repoRoot } from '../support/run-cli';
import { scratchDir } from '../support/scratch-dir';

const LIVE = 'zv_live_0123456789abcdef0123456789abcdef';
const refusal = (flags: Record<string, string | boolean>, values: Record<string, string> = {}): string | undefined =>
  writeSafetyRefusal(resolveRunConfig({ 'base-url': 'http://127.0.0.1:9', ...flags }, { values }, scratchDir('zvc-write-safety-')));

test('a production key is zv_live_, or any zv_ prefix but the sandbox one; a key with no zv_ prefix is a mock’s', () => {
  for (const key of [LIVE, 'ZV_LIVE_abc', 'zv_prod_abc', 'ZV_TEST_abc']) expect(isProductionKey(key)).toBe(true);
  for (const key of ['zv_test_abc', 'mock-secret', 'zvtest', 'Bearer-less']) expect(isProductionKey(key)).toBe(false);
});

test("Zavu's own hosts are zavu.dev and every name under it, however written; a name that only ends in its letters is not", () => {
  for (const host of ['api.zavu.dev', 'API.Zavu.Dev', 'api.zavu.dev.', 'zavu.dev', 'sandbox.api.zavu.dev']) expect(isZavuHost(host)).toBe(true);
  for (const host of ['127.0.0.1', 'zavu-mock', 'notzavu.dev', 'zavu.dev.example', 'localhost']) expect(isZavuHost(host)).toBe(false);
});

test("the contract's own server is one of Zavu's hosts (a spec that moves it must move the rule too)", () => {
  const spec = parse(readFileSync(join(repoRoot, 'specs/whatsapp-sync.openapi.yaml'), 'utf8')) as { servers: Array<{ url: string }> };
  expect(spec.servers.length).toBeGreaterThan(0);
  for (const server of spec.servers) expect(isZavuHost(new URL(server.url).hostname)).toBe(true);
});

test('nothing is refused where nothing is written: reads with a production key, a replay, the embedded server', () => {
  expect(refusal({ 'api-key': LIVE })).toBeUndefined();
  expect(refusal({ 'api-key': LIVE, 'allow-writes': true, mode: 'replay' })).toBeUndefined();
  expect(writeSafetyRefusal(resolveRunConfig({ 'allow-writes': true, 'mock-target': true }, { values: {} }, scratchDir('zvc-write-safety-')))).toBeUndefined();
});

const OLD_LINE = (where: string): string => `--allow-writes with a key that is not a sandbox key (zv_test_…), given in ${where}: add --allow-live-writes to write to this target anyway`;

test('without --mock-target, a key that is not a zv_test_ one writes only with --allow-live-writes, as before', () => {
  for (const key of [LIVE, 'mock-secret', 'ZV_TEST_abc']) {
    expect(refusal({ 'api-key': key, 'allow-writes': true })).toBe(OLD_LINE('--api-key'));
    expect(refusal({ 'api-key': key, 'allow-writes': true, 'allow-live-writes': true })).toBeUndefined();
  }
  expect(refusal({ 'allow-writes': true }, { ZAVU_API_KEY: LIVE })).toBe(OLD_LINE('ZAVU_API_KEY'));
  expect(refusal({ 'api-key': LIVE }, { ZAVU_ALLOW_WRITES: '1', ZAVU_ALLOW_LIVE_WRITES: 'yes', ZAVU_BASE_URL: 'https://api.zavu.dev' })).toBeUndefined();
  expect(refusal({ 'api-key': 'zv_test_abc', 'allow-writes': true, 'base-url': 'https://api.zavu.dev' })).toBeUndefined();
});

test('--mock-target with a Zavu key that is not a sandbox key is refused, --allow-live-writes or not', () => {
  expect(refusal({ 'allow-writes': true, 'mock-target': true }, { ZAVU_API_KEY: LIVE })).toMatch(/^--mock-target with a production key \(zv_live_…\), given in ZAVU_API_KEY: a mock needs no production key.*made-up key$/);
  expect(refusal({ 'api-key': 'ZV_PROD_abc', 'allow-writes': true, 'mock-target': true, 'allow-live-writes': true })).toMatch(
    /^--mock-target with a Zavu key that is not a sandbox key \(zv_test_…\), given in --api-key: .*\(--allow-live-writes does not lift this\)$/,
  );
  expect(refusal({ 'api-key': LIVE }, { ZAVU_ALLOW_WRITES: '1', ZAVU_MOCK_TARGET: '1', ZAVU_ALLOW_LIVE_WRITES: '1' })).toMatch(/^ZAVU_MOCK_TARGET with a production key .*\(ZAVU_ALLOW_LIVE_WRITES does not lift this\)$/);
});

test("--mock-target against Zavu's own hosts is refused with any key, --allow-live-writes or not", () => {
  for (const key of ['zv_test_abc', 'mock-secret']) {
    for (const live of [{}, { 'allow-live-writes': true }]) {
      expect(refusal({ 'api-key': key, 'allow-writes': true, 'mock-target': true, 'base-url': 'https://sandbox.API.zavu.dev', ...live })).toMatch(
        /^--mock-target with --base-url https:\/\/sandbox\.api\.zavu\.dev\/?: that is Zavu's own API \(zavu\.dev\), not a mock: .*drop it/,
      );
    }
  }
  expect(refusal({ 'allow-writes': true, 'base-url': 'https://API.zavu.dev' }, { ZAVU_MOCK_TARGET: '1', ZAVU_API_KEY: 'zv_test_abc' })).toMatch(/^ZAVU_MOCK_TARGET with --base-url https:\/\/api\.zavu\.dev\/?: /);
});

test('--mock-target elsewhere: a made-up key (no zv_ prefix) writes without --allow-live-writes, a zv_test_ key too', () => {
  expect(refusal({ 'api-key': 'mock-secret', 'allow-writes': true, 'mock-target': true })).toBeUndefined();
  expect(refusal({ 'api-key': 'mock-secret', 'allow-writes': true, 'mock-target': true, 'base-url': 'http://zavu-mock:4010' })).toBeUndefined();
  expect(refusal({ 'api-key': 'zv_test_abc', 'allow-writes': true, 'mock-target': true })).toBeUndefined();
});

test('no refusal holds the key', () => {
  const lines = [refusal({ 'allow-writes': true }, { ZAVU_API_KEY: LIVE }), refusal({ 'allow-writes': true, 'mock-target': true }, { ZAVU_API_KEY: LIVE })];
  for (const line of lines) {
    expect(line).toBeDefined();
    expect(line).not.toContain('0123456789abcdef');
  }
});

// The other project's key (ZAVU_OTHER_PROJECT_API_KEY) is sent with writes too: the isolation
// cases' starts to the writable sender and to an id that names no sender carry it.
test("the other project's key is judged as the key is: not a sandbox key, --allow-writes needs --allow-live-writes; a Zavu key that is not a sandbox key, --mock-target is refused", () => {
  const other = { ZAVU_SENDER_OTHER_PROJECT: 'snd_o' };
  expect(refusal({ 'api-key': 'zv_test_abc', 'allow-writes': true }, { ...other, ZAVU_OTHER_PROJECT_API_KEY: LIVE })).toMatch(
    /^--allow-writes with ZAVU_OTHER_PROJECT_API_KEY, a key that is not a sandbox key \(zv_test_…\): its starts go out with it too; add --allow-live-writes to write to this target anyway$/,
  );
  expect(refusal({ 'api-key': 'zv_test_abc', 'allow-writes': true, 'allow-live-writes': true }, { ...other, ZAVU_OTHER_PROJECT_API_KEY: LIVE })).toBeUndefined();
  expect(refusal({ 'api-key': 'zv_test_abc', 'allow-writes': true }, { ...other, ZAVU_OTHER_PROJECT_API_KEY: 'zv_test_other' })).toBeUndefined();
  for (const key of ['zv_test_abc', 'mock-secret']) {
    expect(refusal({ 'api-key': key, 'allow-writes': true, 'mock-target': true, 'allow-live-writes': true }, { ...other, ZAVU_OTHER_PROJECT_API_KEY: LIVE })).toMatch(
      /^--mock-target with a production key \(zv_live_…\), given in ZAVU_OTHER_PROJECT_API_KEY: a mock needs no production key.*\(--allow-live-writes does not lift this\)$/,
    );
  }
  expect(refusal({ 'api-key': 'mock-secret', 'allow-writes': true, 'mock-target': true }, { ...other, ZAVU_OTHER_PROJECT_API_KEY: 'mock-other' })).toBeUndefined();
  expect(refusal({ 'api-key': 'zv_test_abc', 'allow-writes': true }, { ...other, ZAVU_OTHER_PROJECT_API_KEY: LIVE })).not.toContain('0123456789abcdef');
});
