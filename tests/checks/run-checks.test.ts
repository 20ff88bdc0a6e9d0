import { allChecks } from '../../src/checks/registry';
import { runChecks } from '../../src/checks/run-checks';
import type { Check } from '../../src/model/check';
import type { Violation } from '../../src/model/violation';
import { context, exchange, jsonResponse, response, syncBody } from './support/exchange-factory';

const breach: Violation = { check: 'fixed', severity: 'error', title: 't', message: 'Received: a / Expected: b', instancePath: '/x' };
const fixed = (id: string, found: Violation[]): Check => ({ id, title: id, run: () => found });
const crashing: Check = {
  id: 'crashing',
  title: 'always throws',
  run() {
    throw new Error('boom');
  },
};

describe('runChecks', () => {
  it('registers every check id once, in the documented order', () => {
    expect(allChecks.map((check) => check.id)).toEqual([
      'transport-error', 'timeout', 'body-too-large', 'rate-limited', 'not-a-server-error', 'status-code-expected', 'status-code-documented',
      'content-type', 'json-body', 'response-schema', 'undocumented-properties', 'body-assertion',
      'error-message-documented',
    ]);
  });

  it('passes a conformant 200 with every check', () => {
    expect(runChecks(exchange(jsonResponse(200, syncBody)), context({ assert: [{ pointer: '/sync/isCoexistence', equals: true, check: 'sync-is-coexistence', because: 'a coexistence sender' }] }))).toEqual({ violations: [], crashes: [] });
  });

  it('isolates a crashing check: it is reported and the others still run', () => {
    const result = runChecks(exchange(jsonResponse(200, syncBody)), context(), [crashing, fixed('fixed', [breach])]);
    expect(result.crashes).toEqual([{ check: 'crashing', message: 'boom' }]);
    expect(result.violations).toEqual([breach]);
  });

  it('reports a non-Error throw as a crash too', () => {
    const throwsString: Check = { id: 'odd', title: 'odd', run: () => { throw 'plain string'; } };
    expect(runChecks(exchange(undefined), context(), [throwsString]).crashes).toEqual([{ check: 'odd', message: 'plain string' }]);
  });

  it('deduplicates identical violations but keeps ones that differ in pointer or message', () => {
    const other = { ...breach, instancePath: '/y' };
    const result = runChecks(exchange(undefined), context(), [fixed('a', [breach, breach]), fixed('b', [breach, other])]);
    expect(result.violations).toEqual([breach, other]);
  });

  it('finds several faults of a broken 200 at once', () => {
    const broken = response(200, '<html>ok</html>', { 'content-type': 'text/html' });
    const ids = runChecks(exchange(broken), context({ status: 401, because: 'no credentials were sent' })).violations.map((v) => v.check);
    expect(ids).toEqual(['status-code-expected', 'content-type', 'json-body']);
  });
});
