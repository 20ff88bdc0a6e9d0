import { syncIsCoexistenceCheck } from '../../src/checks/sync-is-coexistence';
import type { ScenarioRule } from '../../src/model/scenario';
import { context, exchange, jsonResponse, syncBody } from './support/exchange-factory';

const rules: ScenarioRule[] = ['sync-is-coexistence'];
const withFlag = (isCoexistence: unknown) => ({ sync: { ...syncBody.sync, isCoexistence } });
const run = (status: number, body: unknown, withRule = true) =>
  syncIsCoexistenceCheck.run(exchange(jsonResponse(status, body)), context(withRule ? { rules } : {}));

describe('sync-is-coexistence', () => {
  it('passes isCoexistence: true', () => {
    expect(run(200, syncBody)).toEqual([]);
  });

  it('flags isCoexistence: false', () => {
    const found = run(200, withFlag(false));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ check: 'sync-is-coexistence', severity: 'error', instancePath: '/sync/isCoexistence' });
    expect(found[0]?.message).toMatch(/^Received: false \/ Expected: true/);
  });

  it('leaves a missing or non-boolean flag to response-schema', () => {
    expect(run(200, withFlag('false'))).toEqual([]);
    expect(run(200, { sync: { status: 'active' } })).toEqual([]);
    expect(run(200, [withFlag(false)])).toEqual([]);
  });

  it('only runs when the scenario lists the rule, and only on 200', () => {
    expect(run(200, withFlag(false), false)).toEqual([]);
    expect(run(400, withFlag(false))).toEqual([]);
  });
});
