/**
 * A 404 where 401 was due reads two ways in one answer (looked up before authenticating, or no
 * authentication at all), and so does a documented 400 refusal where 401 was due (the sender checked
 * before authenticating, or no authentication); the run's other answers without valid credentials
 * tell which: a 401 to one shows the target authenticates, none and one served shows it does not,
 * neither keeps both.
 */
import type { AuthVariant, CaseResult, Exchange } from '../../src/model';
import { AuthOrder, planSentAs } from '../../src/runner/auth-order';
import { CHECKED_KEY_OR_NO_AUTH, CHECKED_OR_NO_AUTH, LOOKUP_OR_NO_AUTH, statusStory } from '../../src/checks/support/status-story';
import { faultCountOf } from '../../src/report/failure-digest';
import { VIOLATION_TEXT_LIMITS } from '../../src/checks/run-checks';

const READ = 'getWhatsAppSyncStatus';
const START = 'startWhatsAppHistorySync';

const plan = new Map([
  [`${READ}/unknown-sender-no-credentials`, { operationId: READ, steps: [{ id: 'request', operationId: READ, auth: 'none' as const }] }],
  [`${READ}/unknown-sender-wrong-key`, { operationId: READ, steps: [{ id: 'request', operationId: READ, auth: 'wrong-key' as const }] }],
  [`${READ}/no-credentials`, { operationId: READ, steps: [{ id: 'read-unknown', operationId: READ, auth: 'none' as const }, { id: 'read', operationId: READ, auth: 'none' as const }] }],
  [`${READ}/wrong-key`, { operationId: READ, steps: [{ id: 'read-unknown', operationId: READ, auth: 'wrong-key' as const }, { id: 'read', operationId: READ, auth: 'wrong-key' as const }] }],
  [`${READ}/no-waba-no-credentials`, { operationId: READ, steps: [{ id: 'read-unknown', operationId: READ, auth: 'none' as const }, { id: 'read', operationId: READ, auth: 'none' as const }] }],
  [`${START}/no-credentials`, { operationId: START, steps: [{ id: 'read-before', operationId: READ, auth: 'none' as const }, { id: 'start', operationId: START, auth: 'none' as const }] }],
]);

function answer(id: string, status: number, authVariant: AuthVariant): Exchange {
  return { id, request: { method: 'GET', url: 'http://127.0.0.1/', path: '/', headers: {}, authVariant }, response: { status, headers: {}, bodyText: '' }, startedAt: '', durationMs: 1 };
}

const ambiguous: CaseResult = {
  id: `${READ}/unknown-sender-no-credentials`,
  operationId: READ,
  operation: 'GET /v1/senders/{senderId}/whatsapp-sync',
  scenario: 'unknown-sender-no-credentials',
  family: 'not-found',
  description: 'a sender id that does not exist, no credentials',
  status: 'failed',
  durationMs: 1,
  violations: [{ check: 'status-code-expected', severity: 'error', title: 'Expected status 401, received 404', message: `Received: 404 (${LOOKUP_OR_NO_AUTH}: sender ids can be enumerated) / Expected: 401 because authentication comes before lookup`, instancePath: '' }],
};

function refinedAfter(...exchanges: Exchange[]): string {
  return refinedOf(ambiguous, ...exchanges);
}

function refinedOf(result: CaseResult, ...exchanges: Exchange[]): string {
  return refinedResult(result, ...exchanges).violations[0]?.message ?? '';
}

function refinedResult(result: CaseResult, ...exchanges: Exchange[]): CaseResult {
  const order = new AuthOrder(planSentAs(plan));
  for (const exchange of exchanges) order.note(exchange);
  return order.refine(result);
}

/** How many faults the failure digest reads in `results` (each its own case). */
function faultsIn(...results: CaseResult[]): number {
  return faultCountOf(results.map((r, i) => ({ ...r, id: `${r.id}-${i}` })));
}

test('a 401 to another request without credentials: the sender was looked up before authenticating, that request named', () => {
  const message = refinedAfter(answer(`${READ}/unknown-sender-no-credentials`, 404, 'none'), answer(`${READ}/no-credentials#read`, 401, 'none'));
  expect(message).toBe(`Received: 404 (authentication after lookup ("${READ}/no-credentials#read", sent without credentials, was refused 401 in this run: the target authenticates, but only once it has looked the sender up): sender ids can be enumerated) / Expected: 401 because authentication comes before lookup`);
});

test('no 401 to any request without credentials, and one served: authentication is not enforced', () => {
  const message = refinedAfter(answer(`${READ}/unknown-sender-no-credentials`, 404, 'none'), answer(`${READ}/no-credentials#read`, 200, 'none'));
  expect(message).toContain(`(authentication not enforced (no request of this run sent without credentials was refused 401, and "${READ}/no-credentials#read" was served): sender ids can be enumerated)`);
  expect(message).not.toContain('after lookup');
});

test("a 2xx that is not JSON (a site's page in the API's place) shows no authentication not enforced: both readings kept, or a 401's", () => {
  // A router's fallback page to a path spelled otherwise (a single-page app's index.html) is no sign the API served anything.
  const page = (id: string, headers: Record<string, string>, bodyText: string): Exchange => ({ ...answer(id, 200, 'none'), response: { status: 200, headers, bodyText } });
  const html = page(`${READ}/no-credentials#read`, { 'content-type': 'text/html' }, '<html><body>Welcome</body></html>');
  expect(refinedAfter(answer(`${READ}/unknown-sender-no-credentials`, 404, 'none'), html)).toBe(ambiguous.violations[0]?.message);
  // A HEAD's page label, its body none.
  const headPage: Exchange = { ...page(`${READ}/head-no-credentials`, { 'content-type': 'text/html' }, ''), request: { ...answer('', 200, 'none').request, method: 'HEAD' } };
  expect(refinedAfter(answer(`${READ}/unknown-sender-no-credentials`, 404, 'none'), headPage)).toBe(ambiguous.violations[0]?.message);
  expect(refinedAfter(html, answer(`${READ}/no-credentials#read`, 401, 'none'))).toContain('authentication after lookup');
  // JSON served, whatever its label, is the API's.
  expect(refinedAfter(page(`${READ}/no-credentials#read`, { 'content-type': 'text/html' }, '{"sync":{}}'))).toContain('authentication not enforced');
});

test("an empty 2xx to a GET, or a HEAD's labelled text/plain, is the API's serving it, as its case's own story tells it", () => {
  // A page has a body: an empty text/html is a framework's (Express's send('')), and a Go handler's HEAD is labelled text/plain as its sniffed JSON is.
  const served = (method: 'GET' | 'HEAD', headers: Record<string, string>): Exchange => ({ ...answer(`${READ}/no-credentials#read`, 200, 'none'), request: { ...answer('', 200, 'none').request, method }, response: { status: 200, headers, bodyText: '' } });
  expect(refinedAfter(answer(`${READ}/unknown-sender-no-credentials`, 404, 'none'), served('GET', { 'content-type': 'text/html; charset=utf-8' }))).toContain('authentication not enforced (no request');
  expect(refinedAfter(answer(`${READ}/unknown-sender-no-credentials`, 404, 'none'), served('HEAD', { 'content-type': 'text/plain; charset=utf-8' }))).toContain('authentication not enforced (no request');
});

test('nothing else without credentials (a one-case run): both readings kept', () => {
  expect(refinedAfter(answer(`${READ}/unknown-sender-no-credentials`, 404, 'none'))).toBe(ambiguous.violations[0]?.message);
});

test('answers with the key, or a credential a target may defensibly accept, show nothing either way', () => {
  expect(refinedAfter(answer(`${READ}/no-credentials#read`, 401, 'valid'), answer(`${READ}/no-credentials#read`, 200, 'lowercase-bearer'), answer(`${READ}/no-credentials#read`, 200, 'other-project-key'))).toBe(ambiguous.violations[0]?.message);
});

test("the 404's own operation first: its route served without credentials is not enforced there, though another route refused 401", () => {
  const message = refinedAfter(answer(`${START}/no-credentials#start`, 401, 'none'), answer(`${READ}/no-credentials#read`, 200, 'none'));
  expect(message).toContain(`authentication not enforced on this operation ("${READ}/no-credentials#read" was served without credentials)`);
});

test("another operation's 401 when its own shows nothing, told by the step's operation, not its case's", () => {
  // The start case's read step is of the read: its 401 is the read's own evidence.
  expect(refinedAfter(answer(`${START}/no-credentials#read-before`, 401, 'none'))).toContain(`authentication after lookup ("${START}/no-credentials#read-before", sent without credentials, was refused 401`);
  expect(refinedAfter(answer(`${START}/no-credentials#start`, 401, 'none'), answer(`${START}/no-credentials#read-before`, 200, 'none'))).toContain('authentication not enforced on this operation');
});

test('other findings are left as they are', () => {
  const order = new AuthOrder(planSentAs(plan));
  order.note(answer(`${READ}/no-credentials#read`, 401, 'none'));
  const other: CaseResult = { ...ambiguous, violations: [{ ...ambiguous.violations[0]!, check: 'response-schema' }] };
  expect(order.refine(other)).toBe(other);
});

test("another operation's 401 reads a 404 of a route served (an answer other than a router's 404), not one of a route never served", () => {
  const startRefused = answer(`${START}/no-credentials#start`, 401, 'none');
  expect(refinedAfter(answer(`${READ}/no-credentials#read-unknown`, 400, 'valid'), startRefused)).toContain(`authentication after lookup, going by another operation ("${START}/no-credentials#start", sent without credentials, was refused 401`);
  // Every answer of the read 404 (a mock half-written): the start's 401 says nothing of the read's handler.
  expect(refinedAfter(answer(`${READ}/no-credentials#read-unknown`, 404, 'valid'), startRefused)).toBe(ambiguous.violations[0]?.message);
});

test("only the same credentials' 401 tells: a mock that takes any token for a project of its own refuses only the request without any", () => {
  const noneRefused = answer(`${READ}/no-credentials#read`, 401, 'none');
  const wrongKey: CaseResult = { ...ambiguous, id: `${READ}/unknown-sender-wrong-key`, scenario: 'unknown-sender-wrong-key' };
  expect(refinedOf(wrongKey, noneRefused, answer(`${READ}/wrong-key#read`, 404, 'wrong-key'))).toBe(ambiguous.violations[0]?.message);
  expect(refinedOf(wrongKey, noneRefused, answer(`${READ}/wrong-key#read`, 401, 'wrong-key'))).toContain(`authentication after lookup ("${READ}/wrong-key#read", sent with these credentials, was refused 401`);
});

test("the 404's own request refused 401 on another repeat (a flaky target) is no other answer: it shows no order of checks, and is not named as its own evidence", () => {
  const own = `${READ}/unknown-sender-no-credentials`;
  // --repeat sends the same exchange id each time: one repeat refused, another looked the id up.
  expect(refinedAfter(answer(own, 401, 'none'), answer(own, 404, 'none'))).toBe(ambiguous.violations[0]?.message);
  // Another request's 401 still reads it, the own one passed over.
  expect(refinedAfter(answer(own, 401, 'none'), answer(`${READ}/no-credentials#read`, 401, 'none'))).toContain(`authentication after lookup ("${READ}/no-credentials#read", sent without credentials`);
  // Nor may "no request was refused 401" be said when the own request was, on a repeat.
  const served = refinedAfter(answer(own, 401, 'none'), answer(`${START}/no-credentials#read-before`, 200, 'none'));
  expect(served).not.toContain('no request of this run');
  expect(served).toContain(`authentication not enforced on this operation ("${START}/no-credentials#read-before" was served without credentials)`);
  expect(refinedAfter(answer(own, 401, 'none'), answer(`${START}/no-credentials#start`, 200, 'none'))).not.toContain('no request of this run');
});

test("another operation's 401 alone (a gateway that authenticates one path, the app behind another may not at all): said as that operation's, not as this one's order of checks", () => {
  const message = refinedAfter(answer(`${READ}/no-credentials#read-unknown`, 400, 'valid'), answer(`${START}/no-credentials#start`, 401, 'none'));
  expect(message).toContain(`authentication after lookup, going by another operation ("${START}/no-credentials#start", sent without credentials, was refused 401 in this run; none of this operation's own was refused or served)`);
  expect(message).not.toContain('the target authenticates, but only once');
});

test("the exchange a story names is set aside where the run's failures are grouped: one fault on two operations (each naming its own 401) is one shape, as it was before the story named one", () => {
  const onRead = refinedResult(ambiguous, answer(`${READ}/no-credentials#read`, 401, 'none'));
  const onStart = refinedResult(ambiguous, answer(`${START}/no-credentials#read-before`, 401, 'none'));
  expect(onRead.violations[0]?.message).not.toBe(onStart.violations[0]?.message);
  expect(faultsIn(onRead, onStart)).toBe(1);
  const servedRead = refinedResult(ambiguous, answer(`${READ}/no-credentials#read`, 200, 'none'));
  const servedStart = refinedResult(ambiguous, answer(`${START}/no-credentials#read-before`, 200, 'none'));
  expect(faultsIn(servedRead, servedStart)).toBe(1);
  expect(faultsIn(onRead, servedRead)).toBe(2);
});

test('a reading names its evidence as a field of its own: the exchange, and whether it is this operation\'s or another\'s', () => {
  const own = refinedResult(ambiguous, answer(`${READ}/no-credentials#read`, 401, 'none')).violations[0];
  expect(own?.shownBy).toEqual({ exchange: `${READ}/no-credentials#read`, operation: 'this', words: ` ("${READ}/no-credentials#read", sent without credentials, was refused 401 in this run: the target authenticates, but only once it has looked the sender up)` });
  expect(own?.message).toContain(own?.shownBy?.words);
  // Another operation's 401 (its route answered besides 404, so it may be read by another's).
  const other = refinedResult(ambiguous, answer(`${READ}/unknown-sender-no-credentials`, 400, 'valid'), answer(`${START}/no-credentials#start`, 401, 'none')).violations[0];
  expect(other?.shownBy).toMatchObject({ exchange: `${START}/no-credentials#start`, operation: 'another' });
  expect(other?.message).toContain(`authentication after lookup${other?.shownBy?.words ?? '?'}`);
  const servedElsewhere = refinedResult(ambiguous, answer(`${READ}/unknown-sender-no-credentials`, 400, 'valid'), answer(`${START}/no-credentials#start`, 202, 'none')).violations[0];
  expect(servedElsewhere?.shownBy).toMatchObject({ exchange: `${START}/no-credentials#start`, operation: 'another' });
  const servedHere = refinedResult(ambiguous, answer(`${READ}/no-credentials#read`, 200, 'none')).violations[0];
  expect(servedHere?.shownBy).toMatchObject({ exchange: `${READ}/no-credentials#read`, operation: 'this' });
  // Both readings kept: no evidence named.
  expect(refinedResult(ambiguous, answer(`${READ}/unknown-sender-no-credentials`, 404, 'none')).violations[0]?.shownBy).toBeUndefined();
});

describe('a refined message is bounded as every message is (2,000 characters and its length said), its evidence kept only while the message holds it', () => {
  const bound = VIOLATION_TEXT_LIMITS.message;
  const withMessage = (message: string): CaseResult => ({ ...ambiguous, violations: [{ ...ambiguous.violations[0]!, message }] });
  const readOn = (result: CaseResult) => refinedResult(result, answer(`${READ}/no-credentials#read`, 401, 'none')).violations[0];
  // Another exchange showing the same reading, its id 8 characters longer: it must not move the cut.
  const readOnOther = (result: CaseResult) => refinedResult(result, answer(`${READ}/no-credentials#read-unknown`, 401, 'none')).violations[0];
  const cutOf = (message: string | undefined): string => message?.replace(/… \(\d+ chars\)$/, '') ?? '';

  test('a story near the end of a message at the bound: the reading would take it past, so it is cut, its evidence with the rest (whole or not at all), and that evidence is no field', () => {
    const head = `Received: 404 (${'x'.repeat(bound - LOOKUP_OR_NO_AUTH.length - 40)} `;
    const message = `${head}${LOOKUP_OR_NO_AUTH}) / Expected: 401`;
    expect(message.length).toBeLessThanOrEqual(bound);
    const refined = readOn(withMessage(message));
    const reading = `authentication after lookup ("${READ}/no-credentials#read", sent without credentials, was refused 401 in this run: the target authenticates, but only once it has looked the sender up)`;
    const whole = message.split(LOOKUP_OR_NO_AUTH).join(reading);
    expect(refined?.message).toMatch(new RegExp(`^Received: 404 \\(x+… \\(${whole.length} chars\\)$`));
    expect(refined?.message.length).toBeLessThanOrEqual(bound);
    expect(refined?.shownBy).toBeUndefined();
  });

  test('a story at its head, the message long after it: cut the same, the evidence kept, its words in the message', () => {
    const long = withMessage(`Received: 404 (${LOOKUP_OR_NO_AUTH}: sender ids can be enumerated ${'y'.repeat(bound - 200)}) / Expected: 401`);
    const onRead = readOn(long);
    expect(onRead?.message).toMatch(/… \(\d+ chars\)$/);
    expect(onRead?.message.length).toBeLessThanOrEqual(bound + '… (9999 chars)'.length);
    expect(onRead?.shownBy).toMatchObject({ exchange: `${READ}/no-credentials#read`, operation: 'this' });
    expect(onRead?.message).toContain(onRead?.shownBy?.words);
  });

  // The cut at the bound was moved by the exchange id's length: one reading's messages kept two
  // tails, and the failure digest read one fault shown by two exchanges as two.
  test('one reading shown by two exchanges, its evidence cut away: the same message but for its length, one fault', () => {
    const head = `Received: 404 (${'x'.repeat(1960 - LOOKUP_OR_NO_AUTH.length)} `;
    const message = `${head}${LOOKUP_OR_NO_AUTH}) / Expected: 401`;
    const [byRead, byOther] = [readOn(withMessage(message)), readOnOther(withMessage(message))];
    expect(cutOf(byOther?.message)).toBe(cutOf(byRead?.message));
    expect([byRead?.shownBy, byOther?.shownBy]).toEqual([undefined, undefined]);
    expect(faultsIn({ ...ambiguous, violations: [byRead!] }, { ...ambiguous, violations: [byOther!] })).toBe(1);
  });

  test('one reading shown by two exchanges, its evidence kept and the text after it cut: the same text kept after it, one fault', () => {
    const long = withMessage(`Received: 404 (${LOOKUP_OR_NO_AUTH}: sender ids can be enumerated ${'y '.repeat(bound / 2)}) / Expected: 401`);
    const [byRead, byOther] = [readOn(long), readOnOther(long)];
    expect(cutOf(byOther?.message).split(byOther!.shownBy!.words)).toEqual(cutOf(byRead?.message).split(byRead!.shownBy!.words));
    expect(faultsIn({ ...long, violations: [byRead!] }, { ...long, violations: [byOther!] })).toBe(1);
  });
});

describe('a documented 400 refusal where 401 was due (the sender checked before authenticating, or no authentication): read by the same answers', () => {
  const NO_WABA = `${READ}/no-waba-no-credentials`;
  const refusal = 'refused as the documented 400 no_waba ("Sender does not have a WhatsApp Business Account connected") without valid credentials, so the sender\'s state leaks to unauthenticated callers';
  const checked: CaseResult = {
    ...ambiguous,
    id: NO_WABA,
    scenario: 'no-waba-no-credentials',
    family: 'no-waba',
    violations: [{ check: 'status-code-expected', severity: 'error', step: 'read', title: 'Expected status 401, received 400', message: `Received: 400 (${CHECKED_OR_NO_AUTH}: ${refusal}) / Expected: 401 because authentication comes before the sender is looked at`, instancePath: '' }],
  };
  const refined = (...exchanges: Exchange[]): string => refinedOf(checked, ...exchanges);
  const both = checked.violations[0]?.message;

  test('a 401 to another request without credentials: authentication after the sender\'s checks, its distinguishing words first, that request named', () => {
    expect(refined(answer(`${NO_WABA}#read`, 400, 'none'), answer(`${READ}/no-credentials#read`, 401, 'none'))).toBe(
      `Received: 400 (authentication after the sender's checks ("${READ}/no-credentials#read", sent without credentials, was refused 401 in this run: the target authenticates, but only once it has checked the sender): ${refusal}) / Expected: 401 because authentication comes before the sender is looked at`,
    );
  });

  test('no 401 to any request without credentials, and one served: authentication not enforced', () => {
    const message = refined(answer(`${NO_WABA}#read`, 400, 'none'), answer(`${READ}/no-credentials#read`, 200, 'none'));
    expect(message).toContain(`Received: 400 (authentication not enforced (no request of this run sent without credentials was refused 401, and "${READ}/no-credentials#read" was served): ${refusal})`);
    expect(message).not.toContain('checks (');
  });

  test("another operation's 401 only: said as an inference", () => {
    expect(refined(answer(`${NO_WABA}#read`, 400, 'none'), answer(`${START}/no-credentials#start`, 401, 'none'))).toContain(
      `Received: 400 (authentication after the sender's checks, going by another operation ("${START}/no-credentials#start", sent without credentials, was refused 401 in this run; none of this operation's own was refused or served): `,
    );
  });

  test('neither seen: both readings kept; its own request refused on another repeat is no other answer', () => {
    expect(refined(answer(`${NO_WABA}#read`, 400, 'none'))).toBe(both);
    expect(refined(answer(`${NO_WABA}#read`, 401, 'none'), answer(`${NO_WABA}#read`, 400, 'none'))).toBe(both);
  });

  test('one fault on two operations stays one group in the failure digest', () => {
    const onRead = refinedResult(checked, answer(`${READ}/no-credentials#read`, 401, 'none'));
    const onStart = refinedResult(checked, answer(`${START}/no-credentials#read-before`, 401, 'none'));
    expect(onRead.violations[0]?.message).not.toBe(onStart.violations[0]?.message);
    expect(faultsIn(onRead, onStart)).toBe(1);
  });

  test('a case with both stories (a 404 and a 400) gets each its own reading from one pass', () => {
    const twoStories: CaseResult = { ...checked, violations: [...checked.violations, { ...ambiguous.violations[0]!, step: 'read-unknown' }] };
    const order = new AuthOrder(planSentAs(plan));
    order.note(answer(`${READ}/no-credentials#read`, 401, 'none'));
    const [checksFirst, lookupFirst] = order.refine(twoStories).violations.map((v) => v.message);
    expect(checksFirst).toMatch(/^Received: 400 \(authentication after the sender's checks \(/);
    expect(lookupFirst).toMatch(/^Received: 404 \(authentication after lookup \(/);
  });
});

describe('a 2xx to a changed form of the key (another scheme word, the key cut or appended to) shows a lenient reading of the key, not that authentication is off', () => {
  const TOKEN = `${READ}/token-scheme-key`;
  const STARTED = `${START}/token-scheme-key`;
  const keyForms = new Map<string, { operationId: string; steps: readonly { id: string; operationId: string; auth: AuthVariant }[] }>([
    ...plan,
    [TOKEN, { operationId: READ, steps: [{ id: 'request', operationId: READ, auth: 'token-scheme' as const }] }],
    [STARTED, { operationId: START, steps: [{ id: 'start', operationId: START, auth: 'token-scheme' as const }] }],
  ]);
  const refusedStart: CaseResult = {
    ...ambiguous,
    id: STARTED,
    operationId: START,
    scenario: 'token-scheme-key',
    family: 'authentication',
    violations: [{ check: 'status-code-expected', severity: 'error', step: 'start', title: 'Expected status 401, received 400', message: `Received: 400 (${CHECKED_KEY_OR_NO_AUTH}: refused as the documented 400 in_progress ("History sync is already in progress") without valid credentials, so the sender's state leaks to unauthenticated callers) / Expected: 401 because "Token" is not the scheme`, instancePath: '' }],
  };

  test('"Token <key>" served on another operation: no "authentication not enforced" (the target took the key), every reading kept', () => {
    const order = new AuthOrder(planSentAs(keyForms));
    order.note(answer(`${STARTED}#start`, 400, 'token-scheme'));
    order.note(answer(TOKEN, 200, 'token-scheme'));
    expect(order.refine(refusedStart).violations[0]?.message).toBe(refusedStart.violations[0]?.message);
  });

  test('"Token <key>" refused 401 elsewhere still shows the target authenticates that form: the three readings give way to that one', () => {
    const order = new AuthOrder(planSentAs(keyForms));
    order.note(answer(`${STARTED}#start`, 400, 'token-scheme'));
    order.note(answer(TOKEN, 401, 'token-scheme'));
    const message = order.refine(refusedStart).violations[0]?.message;
    expect(message).toMatch(new RegExp(`^Received: 400 \\(authentication after the sender's checks, going by another operation \\("${TOKEN}", sent with these credentials, was refused 401 in this run; none of this operation's own was refused or served\\): refused as the documented 400 in_progress `));
  });
});

test("an OPTIONS probe answered 2xx without credentials (a CORS preflight's 204) is no sign authentication is not enforced: both readings kept", () => {
  // A browser's preflight carries no credentials by design (Fetch, CORS): a server answers it before authenticating, as it must.
  const preflight: Exchange = { ...answer(`${READ}/no-credentials#read`, 204, 'none'), request: { ...answer('', 204, 'none').request, method: 'OPTIONS' } };
  expect(refinedAfter(answer(`${READ}/unknown-sender-no-credentials`, 404, 'none'), preflight)).toBe(ambiguous.violations[0]?.message);
});

test("a data-only operation's two readings name what its path names, and a 401 in the run still tells them apart", () => {
  // GET /v1/agents/{agentId}: its story read "the sender was looked up before authenticating", and, once told
  // apart, "only once it has looked the sender up", of an operation that has no sender.
  const AGENT = 'getAgent';
  const agentPlan = new Map([
    [`${AGENT}/unknown-agent-no-credentials`, { operationId: AGENT, steps: [{ id: 'request', operationId: AGENT, auth: 'none' as const }] }],
    [`${AGENT}/no-credentials`, { operationId: AGENT, steps: [{ id: 'request', operationId: AGENT, auth: 'none' as const }] }],
  ]);
  const context = { operation: { operationId: AGENT, method: 'GET' as const, pathTemplate: '/v1/agents/{agentId}', pathParameters: ['agentId'], writes: false, label: 'GET /v1/agents/{agentId}', responses: [{ status: '401', description: 'Unauthorized.', mediaTypes: ['application/json'], schemaName: 'Error', examples: [] }, { status: '404', description: 'Not found.', mediaTypes: ['application/json'], schemaName: 'Error', examples: [] }] }, schemas: new Map() };
  const unknown: Exchange = { ...answer(`${AGENT}/unknown-agent-no-credentials`, 404, 'none'), request: { ...answer('', 404, 'none').request, path: '/v1/agents/agt_zz' }, response: { status: 404, headers: { 'content-type': 'application/json' }, bodyText: '{"code":"not_found","message":"Agent not found"}' } };
  const story = statusStory(401, { ...unknown, response: unknown.response as NonNullable<Exchange['response']> }, context as unknown as Parameters<typeof statusStory>[2]) ?? '';
  expect(story).toBe('the agent was looked up before authenticating, or authentication is not enforced: agent ids can be enumerated');
  const result: CaseResult = { ...ambiguous, id: `${AGENT}/unknown-agent-no-credentials`, operationId: AGENT, violations: [{ ...ambiguous.violations[0]!, message: `Received: 404 (${story}) / Expected: 401` }] };
  const order = new AuthOrder(planSentAs(agentPlan));
  for (const exchange of [unknown, answer(`${AGENT}/no-credentials`, 401, 'none')]) order.note(exchange);
  expect(order.refine(result).violations[0]?.message).toBe(`Received: 404 (authentication after lookup ("${AGENT}/no-credentials", sent without credentials, was refused 401 in this run: the target authenticates, but only once it has looked the agent up): agent ids can be enumerated) / Expected: 401`);
});
