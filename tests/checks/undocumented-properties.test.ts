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

  it('is never an error: an extra property alone yields only a warning from all checks', () => {
    const exchanged = exchange(jsonResponse(200, { ...syncBody, extra: 1 }));
    const { violations, crashes } = runChecks(exchanged, context());
    expect(crashes).toEqual([]);
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ check: 'undocumented-properties', severity: 'warning' });
    expect(responseSchemaCheck.run(exchanged, context())).toEqual([]);
    expect(allChecks.some((check) => check.id === 'undocumented-properties')).toBe(true);
  });
});
