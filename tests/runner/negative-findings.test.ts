/**
 * A hostile id's headline states the row's rule once, in its Expected half: the Received half drops
 * the judge's trailing "because <rule>" when it is that rule, and keeps a reason of the id's own
 * (an id that spells a fixture is held to another rule, which the Expected half does not state).
 */
import type { Exchange, HttpRequest, ResolvedExpectation } from '../../src/model';
import { VIOLATION_TEXT_LIMITS } from '../../src/checks/run-checks';
import { formatCurl } from '../../src/reproduce/format-curl';
import { failureViolations, HEADLINE_CURL_CHARS, type FindingContext } from '../../src/runner/negative-findings';
import { createSchemaValidator } from '../../src/schema/create-validator';
import { contract, operation } from '../support/shipped-contract';

const RULE = 'a sender id that names no sender of this project is not found';
const baseExpect: ResolvedExpectation = { status: 404, alsoAccept: [400], because: RULE, assert: [] };
const request: HttpRequest = { method: 'GET', url: 'http://target.test/v1/senders/x/whatsapp/sync', path: '/v1/senders/x/whatsapp/sync', headers: {}, authVariant: 'valid' };
const exchange: Exchange = { id: 'hostile#1', request, response: { status: 200, headers: { 'content-type': 'application/json' }, bodyText: '{}' }, startedAt: '2026-01-01T00:00:00.000Z', durationMs: 1 };

const context = (expectOfId: ResolvedExpectation): FindingContext => ({
  operation: operation('getWhatsAppSyncStatus'),
  schemas: createSchemaValidator(contract.schemas),
  baseExpect,
  seed: 7,
  exchangeOf: async () => exchange,
  requestOf: () => request,
  expectationOf: () => expectOfId,
});

async function headline(summary: string, expectOfId: ResolvedExpectation): Promise<string> {
  const { violations } = await failureViolations({ kind: '200 status-code-expected', input: { id: 'x', raw: false }, summary }, context(expectOfId));
  return violations[0]?.message ?? '';
}

test("the row's rule is said once: the Received half ends before the judge's \"because\" of that rule", async () => {
  const message = await headline(`200: expected 404 or 400 because ${RULE}`, baseExpect);
  expect(message).toMatch(new RegExp(`^Received: 200: expected 404 or 400 / Expected: ${RULE}\\. Same inputs again: --seed 7\\. `));
  expect(message.split(RULE)).toHaveLength(2);
});

test("a reason of the id's own stays in the Received half, the row's rule after it in Expected", async () => {
  const own = `the id spells a sender of another project, which the key must not see: a 200 shows that project's data (${RULE})`;
  const message = await headline(`200: expected 404 because ${own}`, { ...baseExpect, alsoAccept: [], because: own });
  expect(message).toMatch(/^Received: 200: expected 404 because the id spells a sender of another project, .*\) \/ Expected: /);
  expect(message).toContain(`/ Expected: ${RULE}. Same inputs again`);
});

test("a long hostile id's headline is bounded as a check's violation is: the first id refused is not shrunk, and may be 8192 characters", async () => {
  const id = `${'é'.repeat(8191)}'`;
  const path = `/v1/senders/${encodeURIComponent(id)}/whatsapp/sync`;
  const refused: Exchange = { id: 'hostile#9', request: { ...request, url: `http://target.test${path}`, path }, error: { kind: 'connection-refused', message: 'connect ECONNREFUSED 127.0.0.1:9' }, startedAt: '2026-01-01T00:00:00.000Z', durationMs: 1 };
  const summary = 'transport-error connection-refused (the first hostile id refused: the target stopped listening at this request or the one just before it — did it crash? — so it was not shrunk)';
  const { violations } = await failureViolations({ kind: 'transport-error connection-refused', input: { id, raw: false }, summary, shrunk: false }, { ...context(baseExpect), exchangeOf: async () => refused });
  const [head] = violations;
  expect(head?.title.length).toBeLessThanOrEqual(VIOLATION_TEXT_LIMITS.title);
  expect(head?.message.length).toBeLessThanOrEqual(VIOLATION_TEXT_LIMITS.message);
  // What it cannot keep whole it says how to get (the seed), not a curl cut mid-quote that a shell would run otherwise.
  expect(head?.message).toContain('--seed 7');
  expect(head?.message).not.toContain(`'${'%C3%A9'.repeat(10)}`);
  // A short id's curl is still quoted whole, shell-safe (its quote closed and reopened).
  const short = { ...refused, request: { ...request, url: "http://target.test/v1/senders/a'b/whatsapp/sync", path: "/v1/senders/a'b/whatsapp/sync" } };
  const quoted = (await failureViolations({ kind: 'transport-error connection-refused', input: { id: "a'b", raw: true }, summary, shrunk: false }, { ...context(baseExpect), exchangeOf: async () => short })).violations[0]?.message;
  expect(formatCurl(short.request).length).toBeLessThanOrEqual(HEADLINE_CURL_CHARS);
  expect(quoted).toContain(`Reproduce: ${formatCurl(short.request)}`);
  expect(quoted).toContain(`a'\\''b`);
});
