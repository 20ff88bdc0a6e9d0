import { responseSchemaCheck } from '../../src/checks/response-schema';
import { undocumentedPropertiesCheck } from '../../src/checks/undocumented-properties';
import { runChecks } from '../../src/checks/run-checks';
import { allChecks } from '../../src/checks/registry';
import { context, exchange, jsonResponse, syncBody } from './support/exchange-factory';

describe('undocumented-properties', () => {
  it('passes a body with only declared properties', () => {
    expect(undocumentedPropertiesCheck.run(exchange(jsonResponse(200, syncBody)), context())).toEqual([]);
  });

  it('warns, once per pointer, about properties the schema does not declare', () => {
    const body = { ...syncBody, requestId: 'req_1', sync: { ...syncBody.sync, lastSyncedAt: null } };
    const found = undocumentedPropertiesCheck.run(exchange(jsonResponse(200, body)), context());
    expect(found.map((violation) => [violation.instancePath, violation.severity])).toEqual([
      ['/requestId', 'warning'],
      ['/sync/lastSyncedAt', 'warning'],
    ]);
    expect(found[0]?.message).toMatch(/^Received: \/requestId = "req_1" \/ Expected: only properties declared by WhatsAppSyncStatusResponse/);
  });

  it('names the schema the body was judged by, for the warning digest to tell one pointer in two schemas apart', () => {
    const found = undocumentedPropertiesCheck.run(exchange(jsonResponse(200, { ...syncBody, foo: 1 })), context());
    expect(found.map((violation) => violation.schemaPath)).toEqual(['WhatsAppSyncStatusResponse.json#']);
  });

  it('is never an error: an extra property alone yields only a warning from all checks', () => {
    const exchanged = exchange(jsonResponse(200, { ...syncBody, extra: 1 }));
    const { violations, crashes } = runChecks(exchanged, context());
    expect(crashes).toEqual([]);
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ check: 'undocumented-properties', severity: 'warning' });
    expect(responseSchemaCheck.run(exchanged, context())).toEqual([]);
    expect(allChecks.some((check) => check.id === 'undocumented-properties')).toBe(true);
  });

  it('describes the first `keep` extras and counts the rest under the pointer they share', () => {
    const sync: Record<string, unknown> = { ...syncBody.sync };
    for (let i = 0; i < 300000; i += 1) sync[`extra${i}`] = i;
    const exchanged = exchange(jsonResponse(200, { ...syncBody, sync }));
    const { violations, omitted } = undocumentedPropertiesCheck.runCounted(exchanged, context(), 20);
    expect(violations.map((v) => v.instancePath)).toEqual(Array.from({ length: 20 }, (_, i) => `/sync/extra${i}`));
    expect(violations[3]?.message).toMatch(/^Received: \/sync\/extra3 = 3 \/ Expected:/);
    expect(omitted).toEqual([{ check: 'undocumented-properties', severity: 'warning', count: 299980, instancePath: '/sync' }]);
    // Through run-checks, which caps there: one warning line per kept extra, one count for the rest.
    const run = runChecks(exchanged, context());
    expect(run.violations).toHaveLength(20);
    expect(run.omitted).toEqual(omitted);
  });

  it('cuts a huge extra value and a huge extra key, stating their size', () => {
    const found = undocumentedPropertiesCheck.run(exchange(jsonResponse(200, { ...syncBody, ['k'.repeat(5000)]: 'v'.repeat(100000) })), context());
    expect(found[0]?.message.length).toBeLessThan(700);
    expect(found[0]?.message).toContain('… (5001 chars) = "vvv');
    expect(found[0]?.message).toContain('… (a string of 100000 chars)');
  });
});

