import { loadScenarios } from '../../src/scenarios/load-scenarios';
import { planCases } from '../../src/scenarios/plan-cases';
import { packageRoot } from '../../src/package-root';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const file = loadScenarios(join(packageRoot, 'specs/whatsapp-sync.scenarios.json'));

test('the shipped scenarios cover every status the operation documents', () => {
  const statuses = new Set(file.scenarios.map((s) => s.expect.status));
  expect([...statuses].sort()).toEqual([200, 400, 401, 404]);
});

test('a coexistence scenario expands over every configured coexistence sender', () => {
  const cases = planCases(file.scenarios, { fixtures: { coexistence: ['a', 'b'] }, unknownSenderId: 'u' });
  expect(cases.filter((c) => c.scenario.id === 'coexistence').map((c) => [c.id, c.senderId])).toEqual([
    ['coexistence[a]', 'a'],
    ['coexistence[b]', 'b'],
  ]);
});

test('a missing fixture skips its scenario with the variable to set', () => {
  const cases = planCases(file.scenarios, { fixtures: { coexistence: [] }, unknownSenderId: 'u' });
  const noWaba = cases.find((c) => c.id === 'no-waba');
  expect(noWaba?.skipReason).toMatch(/ZAVU_SENDER_NO_WABA is not set/);
  expect(cases.find((c) => c.id === 'coexistence')?.skipReason).toMatch(/ZAVU_SENDER_COEXISTENCE/);
  // Auth cases still run on the unknown id when no sender is configured.
  expect(cases.find((c) => c.id === 'no-credentials')).toMatchObject({ senderId: 'u' });
  expect(cases.find((c) => c.id === 'unknown-sender')).toMatchObject({ senderId: 'u' });
});

test('auth cases use a coexistence sender first, so an auth bypass shows as a 200', () => {
  const cases = planCases(file.scenarios, { fixtures: { coexistence: ['c1'], noWaba: 'n' }, unknownSenderId: 'u' });
  expect(cases.find((c) => c.id === 'wrong-key')?.senderId).toBe('c1');
});

test('a scenario file that breaks its schema is one line naming the file and the place', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zvc-scen-'));
  const path = join(dir, 's.json');
  writeFileSync(path, JSON.stringify({ operation: { method: 'GET', path: '/x' }, scenarios: [{ id: 'a', family: 'nope' }] }));
  expect(() => loadScenarios(path)).toThrow(new RegExp(`^scenarios ${path}: /scenarios/0`));
  writeFileSync(path, '{');
  expect(() => loadScenarios(path)).toThrow(/scenarios .*s\.json: /);
  expect(() => loadScenarios(join(dir, 'absent.json'))).toThrow(/no such file/);
});

test('a scenario file that is not JSON names the line and column', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zvc-scen-'));
  const path = join(dir, 's.json');
  writeFileSync(path, '{\n  "operation": }\n');
  expect(() => loadScenarios(path)).toThrow(/^scenarios .*s\.json: not JSON at line 2 column \d+/);
});
