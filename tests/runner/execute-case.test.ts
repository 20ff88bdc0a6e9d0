/** A case's result carries what its checks counted but did not keep, tagged with the step that saw it. */
import type { CaseResult, Exchange, HttpRequest } from '../../src/model';
import { planCase, withBinding } from '../../src/registry/plan-cases';
import { executeCase, skippedResult, type CaseDeps } from '../../src/runner/execute-case';
import { unseenSuccessNotes } from '../../src/report/regression-text';
import { operations, registry, row, shippedCaseDeps } from '../support/shipped-contract';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { planCases } from '../../src/registry/plan-cases';
import { bindFixtures } from '../../src/registry/bind-fixtures';
import { HttpTransport } from '../../src/transport/http-transport';
import { TargetGuardTransport } from '../../src/transport/target-guard';

function fail(why: string): never {
  throw new Error(why);
}

/** Every read answers a conformant 200 whose `sync` carries 30 undeclared properties; anything else a 500. */
function transport(): CaseDeps['transport'] {
  return {
    send: async (request: HttpRequest, id: string): Promise<Exchange> => {
      const sync: Record<string, unknown> = {
        isCoexistence: true,
        status: 'active',
        history: { status: 'not_requested', canSync: true, requestedAt: null },
        contacts: { status: 'not_requested', canSync: true, requestedAt: null },
      };
      for (let i = 0; i < 30; i += 1) sync[`extra${i}`] = i;
      const response = request.method === 'GET'
        ? { status: 200, headers: { 'content-type': 'application/json' }, bodyText: JSON.stringify({ sync }) }
        : { status: 500, headers: { 'content-type': 'application/json' }, bodyText: '{"code":"oops","message":"oops"}' };
      return { id, request, response, startedAt: new Date(0).toISOString(), durationMs: 1 };
    },
  };
}

const deps = (): CaseDeps => shippedCaseDeps(transport());

test('a single request keeps 20 undeclared-property warnings and counts the other 10', async () => {
  const planned = planCase('getWhatsAppSyncStatus/coexistence[snd_a]', 'getWhatsAppSyncStatus', row('getWhatsAppSyncStatus', 'coexistence'), { senderId: 'snd_a' }, operations);
  const result = await executeCase(planned, deps());
  expect(result.status).toBe('passed');
  expect(result.violations.filter((v) => v.check === 'undocumented-properties')).toHaveLength(20);
  expect(result.omittedViolations).toEqual([{ check: 'undocumented-properties', severity: 'warning', count: 10, instancePath: '/sync' }]);
});

test('in a sequence, the omission names the step that saw it', async () => {
  const planned = planCase('startWhatsAppHistorySync/start-syncable', 'startWhatsAppHistorySync', row('startWhatsAppHistorySync', 'start-syncable'), { senderId: 'snd_a' }, operations);
  const result = await executeCase(planned, deps());
  expect(result.failedStep).toBe('start');
  // Planned without a witness: its reads are left out.
  expect(result.omittedViolations).toEqual([{ check: 'undocumented-properties', severity: 'warning', count: 10, instancePath: '/sync', step: 'read-before' }]);
});

test("a sequence's reproduction is every step up to the failing one, in order: a read that shows a breach needs the start before it", async () => {
  const planned = planCase('startWhatsAppHistorySync/start-syncable', 'startWhatsAppHistorySync', row('startWhatsAppHistorySync', 'start-syncable'), { senderId: 'snd_a' }, operations, undefined, { 'read-other-before': { senderId: 'snd_w' }, 'read-other-after': { senderId: 'snd_w' } });
  const result = await executeCase(planned, deps());
  expect(result.failedStep).toBe('start');
  const commands = result.curl?.split('; echo; ') ?? [];
  expect(commands.map((command) => / -X (\w+) /.exec(command)?.[1])).toEqual(['GET', 'GET', 'POST']);
  expect(commands.every((command) => command.startsWith('curl -sS -i '))).toBe(true);
  // The witness read goes to its own sender; the start to the case's.
  expect(commands[1]).toContain("'http://127.0.0.1:9/v1/senders/snd_w/whatsapp-sync'");
  expect(commands[2]).toContain("'http://127.0.0.1:9/v1/senders/snd_a/whatsapp-sync/history'");
});

test('a single request reproduces with its one curl', async () => {
  const single = await executeCase(planCase('getWhatsAppSyncStatus/coexistence[snd_a]', 'getWhatsAppSyncStatus', row('getWhatsAppSyncStatus', 'coexistence'), { senderId: 'snd_a' }, operations), deps());
  expect(single.curl).toMatch(/^curl -sS -i -X GET [^;]*whatsapp-sync'$/);
});

test('a step whose expected answer cannot be predicted is not sent, and says so (not "no response")', async () => {
  const sent: string[] = [];
  // The read before the start is answered 404 in plain text, and (as the row is edited here) any 4xx passes there: no sync status to predict the start from.
  const plain: CaseDeps['transport'] = {
    send: async (request: HttpRequest, id: string): Promise<Exchange> => {
      sent.push(id);
      return { id, request, response: { status: 404, headers: { 'content-type': 'text/plain' }, bodyText: 'Not Found' }, startedAt: new Date(0).toISOString(), durationMs: 1 };
    },
  };
  const planned = planCase('startWhatsAppHistorySync/start-syncable', 'startWhatsAppHistorySync', row('startWhatsAppHistorySync', 'start-syncable'), { senderId: 'snd_a' }, operations);
  const [first, ...rest] = planned.steps;
  if (first === undefined) throw new Error('no steps');
  const edited = { ...planned, steps: [{ ...first, expect: { status: 404, anyClientError: true, because: 'edited for the test' } }, ...rest] };
  const result = await executeCase(edited, { ...deps(), transport: plain });
  expect(sent).toEqual([`startWhatsAppHistorySync/start-syncable#${first.id}`]);
  expect(result.status).toBe('error');
  expect(result.steps?.[1]).toMatchObject({ status: 'error', notSent: true });
  expect(result.steps?.[1]?.receivedStatus).toBeUndefined();
});

test("a HEAD step is judged by its status and transport alone (its answer has no body), and its answer counts for no coverage of the GET", async () => {
  const methods: string[] = [];
  // 401 with no body and no Content-Type: what a HEAD answer is.
  const head: CaseDeps['transport'] = {
    send: async (request: HttpRequest, id: string): Promise<Exchange> => {
      methods.push(request.method);
      return { id, request, response: { status: 401, headers: {}, bodyText: '' }, startedAt: new Date(0).toISOString(), durationMs: 1 };
    },
  };
  const planned = planCase('getWhatsAppSyncStatus/head-no-credentials', 'getWhatsAppSyncStatus', row('getWhatsAppSyncStatus', 'head-no-credentials'), { senderId: 'snd_a' }, operations, undefined, { 'head-unknown': { senderId: 'snd_zvc_unknown_x' } });
  const result = await executeCase(planned, { ...deps(), transport: head });
  expect(methods).toEqual(['HEAD', 'HEAD']);
  expect(result.status).toBe('passed');
  expect(result.violations).toEqual([]);
  expect(result.coverage).toBeUndefined();
  // The same empty 401 to the GET is judged by every check.
  const get = await executeCase(planCase('getWhatsAppSyncStatus/no-credentials', 'getWhatsAppSyncStatus', row('getWhatsAppSyncStatus', 'no-credentials'), { senderId: 'snd_a' }, operations, undefined, { 'read-unknown': { senderId: 'snd_zvc_unknown_x' } }), { ...deps(), transport: head });
  expect(get.status).toBe('failed');
});

describe('--write-settle-ms: the wait after a write, before the next request of its case', () => {
  /** Reads answer the same conformant 200, a start a 401; every request and wait goes into `log`. */
  function logged(log: string[], settleMs?: number): CaseDeps {
    const sync = { isCoexistence: true, status: 'active', history: { status: 'not_requested', canSync: true, requestedAt: null }, contacts: { status: 'not_requested', canSync: true, requestedAt: null } };
    return {
      ...deps(),
      transport: {
        send: async (request: HttpRequest, id: string): Promise<Exchange> => {
          log.push(request.method);
          const response = request.method === 'GET'
            ? { status: 200, headers: { 'content-type': 'application/json' }, bodyText: JSON.stringify({ sync }) }
            : { status: 401, headers: { 'content-type': 'application/json', 'www-authenticate': 'Bearer realm="zavu"' }, bodyText: '{"code":"unauthorized","message":"Invalid API key"}' };
          return { id, request, response, startedAt: new Date(0).toISOString(), durationMs: 1 };
        },
      },
      ...(settleMs === undefined ? {} : { settle: { ms: settleMs, wait: async (ms: number) => void log.push(`wait ${ms}`) } }),
    };
  }
  const refusedStart = (): ReturnType<typeof planCase> => planCase('startWhatsAppHistorySync/empty-bearer', 'startWhatsAppHistorySync', row('startWhatsAppHistorySync', 'empty-bearer'), { senderId: 'snd_a' }, operations);

  test('waited after the write, before the read that follows it; never after a read', async () => {
    const log: string[] = [];
    const result = await executeCase(refusedStart(), logged(log, 250));
    expect(result.status).toBe('passed');
    expect(log).toEqual(['GET', 'POST', 'wait 250', 'GET']);
  });

  test('not waited without the setting, or after the last step', async () => {
    const log: string[] = [];
    await executeCase(refusedStart(), logged(log));
    expect(log).toEqual(['GET', 'POST', 'GET']);
    const startsOnly: string[] = [];
    await executeCase(planCase('startWhatsAppHistorySync/no-credentials', 'startWhatsAppHistorySync', row('startWhatsAppHistorySync', 'no-credentials'), { senderId: 'snd_a' }, operations, undefined, { 'start-unknown': { senderId: 'snd_unknown' } }), logged(startsOnly, 250));
    expect(startsOnly).toEqual(['POST', 'wait 250', 'POST']);
  });
});

/** Answers a GET to a start's path 202, as a route that takes any method does: the breach the GET step is there to catch. */
function anyMethodStarts(): CaseDeps['transport'] {
  const inner = transport();
  return {
    send: async (request: HttpRequest, id: string): Promise<Exchange> => {
      if (request.method === 'GET' && request.path.endsWith('/history')) {
        return { id, request, response: { status: 202, headers: { 'content-type': 'application/json' }, bodyText: '{"message":"History sync initiated"}' }, startedAt: new Date(0).toISOString(), durationMs: 1 };
      }
      return inner.send(request, id);
    },
  };
}

test("each step names the request it sent, not its operation's label: a GET on a start's path is no POST, a HEAD no GET, a trailing slash kept", async () => {
  const get = planCase('startWhatsAppHistorySync/get-changes-nothing', 'startWhatsAppHistorySync', row('startWhatsAppHistorySync', 'get-changes-nothing'), { senderId: 'snd_a' }, operations);
  const getResult = await executeCase(get, { ...deps(), transport: anyMethodStarts() });
  expect(getResult.failedStep).toBe('get');
  // "get (POST …/history): expected 405, received 202" read as a start that should have been refused.
  expect(getResult.steps?.map((s) => [s.id, s.operation])).toEqual([
    ['read-before', 'GET /v1/senders/{senderId}/whatsapp-sync'],
    ['get', 'GET /v1/senders/{senderId}/whatsapp-sync/history'],
    ['read-after', 'GET /v1/senders/{senderId}/whatsapp-sync'],
  ]);
  // The case itself stays under its operation's label, which every report groups by.
  expect(getResult.operation).toBe('POST /v1/senders/{senderId}/whatsapp-sync/history');

  const head = planCase('getWhatsAppSyncStatus/other-project-sender', 'getWhatsAppSyncStatus', row('getWhatsAppSyncStatus', 'other-project-sender'), { senderId: 'snd_o' }, operations, undefined, { 'read-unknown': { senderId: 'snd_u' }, 'head-unknown': { senderId: 'snd_u' } });
  const headResult = await executeCase(head, deps());
  // Steps not run (the sequence stopped at the read the transport answers 200) are named as planned too.
  expect(headResult.steps?.filter((s) => s.id.startsWith('head')).map((s) => s.operation)).toEqual(['HEAD /v1/senders/{senderId}/whatsapp-sync', 'HEAD /v1/senders/{senderId}/whatsapp-sync']);

  const slash = planCase('getWhatsAppSyncStatus/no-credentials-trailing-slash', 'getWhatsAppSyncStatus', row('getWhatsAppSyncStatus', 'no-credentials-trailing-slash'), { senderId: 'snd_a' }, operations, undefined, { 'read-unknown': { senderId: 'snd_u' } });
  const slashResult = await executeCase(slash, deps());
  expect(slashResult.steps?.[0]?.operation).toBe('GET /v1/senders/{senderId}/whatsapp-sync/');
});

test("a HEAD on a start's path: a 405 passes, a router's 404 too, the GET's 200 warns, and a start's 202 fails at the head step, named as the HEAD it was", async () => {
  const planned = planCase('startWhatsAppHistorySync/head-changes-nothing', 'startWhatsAppHistorySync', row('startWhatsAppHistorySync', 'head-changes-nothing'), { senderId: 'snd_a' }, operations);
  // Every read answers the same state (the transport above); the HEAD to the start's path as given, with no body, as a HEAD's answer has none.
  const answering = (status: number, headers: Record<string, string> = {}): CaseDeps['transport'] => {
    const inner = transport();
    return {
      send: async (request: HttpRequest, id: string): Promise<Exchange> =>
        request.method === 'HEAD' && request.path.endsWith('/history') ? { id, request, response: { status, headers, bodyText: '' }, startedAt: new Date(0).toISOString(), durationMs: 1 } : inner.send(request, id),
    };
  };
  const judged = async (status: number, headers?: Record<string, string>) => {
    const result = await executeCase(planned, { ...deps(), transport: answering(status, headers) });
    return { status: result.status, failedStep: result.failedStep, head: result.violations.filter((v) => v.step === 'head').map((v) => `${v.severity} ${v.check}`) };
  };
  expect(await judged(405, { allow: 'POST' })).toEqual({ status: 'passed', failedStep: undefined, head: [] });
  expect(await judged(404, { 'content-type': 'text/plain' })).toEqual({ status: 'passed', failedStep: undefined, head: [] });
  expect(await judged(200, { 'content-type': 'application/json' })).toEqual({ status: 'passed', failedStep: undefined, head: ['warning status-code-expected'] });
  expect(await judged(202, { 'content-type': 'application/json' })).toEqual({ status: 'failed', failedStep: 'head', head: ['error status-code-expected'] });
  // 501 is no answer of a server to HEAD, which every general-purpose one MUST support (RFC 9110 §9.1).
  expect((await judged(501)).failedStep).toBe('head');
  const result = await executeCase(planned, { ...deps(), transport: answering(202) });
  expect(result.steps?.map((s) => [s.id, s.operation])).toEqual([
    ['read-before', 'GET /v1/senders/{senderId}/whatsapp-sync'],
    ['head', 'HEAD /v1/senders/{senderId}/whatsapp-sync/history'],
    ['read-after', 'GET /v1/senders/{senderId}/whatsapp-sync'],
  ]);
  expect(result.curl?.split('; echo; ')[1]).toMatch(/^curl -sS -I .*\/history'$/);
});

test("a sequence's duration is its steps' sum to 0.1 ms, as every duration is stored, not 0.7 + 0.6 = 1.2999999999999998", async () => {
  // 0.7 and 0.6 are durations as the transport stores them (to 0.1 ms); their float sum is not.
  const durations = [0.7, 0.6];
  const timed: CaseDeps['transport'] = {
    send: async (request: HttpRequest, id: string): Promise<Exchange> => ({
      id, request, response: { status: 401, headers: { 'content-type': 'application/json' }, bodyText: '{"code":"unauthorized","message":"Unauthorized"}' }, startedAt: new Date(0).toISOString(), durationMs: durations.shift() ?? 1,
    }),
  };
  const planned = planCase('getWhatsAppSyncStatus/no-credentials', 'getWhatsAppSyncStatus', row('getWhatsAppSyncStatus', 'no-credentials'), { senderId: 'snd_a' }, operations, undefined, { 'read-unknown': { senderId: 'snd_zvc_unknown_x' } });
  const result = await executeCase(planned, { ...deps(), transport: timed });
  expect(result.steps?.map((s) => s.durationMs)).toEqual([0.7, 0.6]);
  expect(result.durationMs).toBe(1.3);
});

describe('expectedAs: what a status was judged against, when the one number does not say it', () => {
  /** Every request answered as an unknown sender: the answer the credential rows get when "any" falls back to the unknown id. */
  const notFound: CaseDeps['transport'] = {
    send: async (request: HttpRequest, id: string): Promise<Exchange> => ({ id, request, response: { status: 404, headers: { 'content-type': 'application/json' }, bodyText: '{"code":"not_found","message":"Sender not found"}' }, startedAt: new Date(0).toISOString(), durationMs: 1 }),
  };

  test('a credential row whose sender\'s role is not known accepts any sender\'s status, and says so: a 404 passed in place of 200 never reads as "expected 200"', async () => {
    // No binding: as a replay plans it from a recording made before the role was kept.
    const planned = planCase('getWhatsAppSyncStatus/lowercase-bearer-scheme', 'getWhatsAppSyncStatus', row('getWhatsAppSyncStatus', 'lowercase-bearer-scheme'), { senderId: 'snd_zvc_unknown_x' }, operations);
    const result = await executeCase(planned, { ...deps(), transport: notFound });
    expect(result).toMatchObject({ status: 'passed', expectedStatus: 200, receivedStatus: 404, expectedAs: "200 or 400 or 404, as any sender's (the role the sender was bound to is not recorded)" });
  });

  test('a credential row bound to a role is judged by that role\'s status alone, and names the role', async () => {
    const plan = (role: string) => withBinding(planCase('getWhatsAppSyncStatus/lowercase-bearer-scheme', 'getWhatsAppSyncStatus', row('getWhatsAppSyncStatus', 'lowercase-bearer-scheme'), { senderId: 'snd_x' }, operations), { senderId: role });
    const unknown = await executeCase(plan('unknown'), { ...deps(), transport: notFound });
    expect(unknown).toMatchObject({ status: 'passed', expectedStatus: 404, receivedStatus: 404, expectedAs: '404 (senderId bound to role unknown)' });
    // The coexistence sender's 404 was accepted as "200 or 400 or 404": now it is that sender's 200 or nothing.
    const coexistence = await executeCase(plan('coexistence'), { ...deps(), transport: notFound });
    expect(coexistence).toMatchObject({ status: 'failed', expectedStatus: 200, receivedStatus: 404, expectedAs: '200 (senderId bound to role coexistence)' });
    expect(coexistence.violations.map((v) => v.check)).toContain('status-code-expected');
    const noWaba = await executeCase(plan('noWaba'), { ...deps(), transport: notFound });
    expect(noWaba).toMatchObject({ status: 'failed', expectedStatus: 400 });
  });

  test('a predicted read left without the unknown id it is compared with keeps its stated "any 4xx", and says so', async () => {
    // Planned without the read-unknown witness, as when "any" is the unknown id itself.
    const planned = planCase('getWhatsAppSyncStatus/no-credentials-trailing-slash', 'getWhatsAppSyncStatus', row('getWhatsAppSyncStatus', 'no-credentials-trailing-slash'), { senderId: 'snd_zvc_unknown_x' }, operations);
    const result = await executeCase(planned, { ...deps(), transport: notFound });
    expect(result).toMatchObject({ status: 'passed', expectedStatus: 401, receivedStatus: 404 });
    expect(result.expectedAs).toMatch(/^401 or any 4xx/);
    expect(result.steps?.[0]?.expectedAs).toBe(result.expectedAs);
  });

  test('a status a model binds to another answer names that answer; one number alone records nothing more', async () => {
    const planned = planCase('getWhatsAppSyncStatus/no-credentials', 'getWhatsAppSyncStatus', row('getWhatsAppSyncStatus', 'no-credentials'), { senderId: 'snd_a' }, operations, undefined, { 'read-unknown': { senderId: 'snd_zvc_unknown_x' } });
    const unauthorized: CaseDeps['transport'] = {
      send: async (request: HttpRequest, id: string): Promise<Exchange> => ({ id, request, response: { status: 401, headers: { 'content-type': 'application/json', 'www-authenticate': 'Bearer' }, bodyText: '{"code":"unauthorized","message":"Missing credentials"}' }, startedAt: new Date(0).toISOString(), durationMs: 1 }),
    };
    const result = await executeCase(planned, { ...deps(), transport: unauthorized });
    expect(result.status).toBe('passed');
    expect(result.steps?.[0]).toMatchObject({ id: 'read-unknown', expectedStatus: 401 });
    expect(result.steps?.[0]?.expectedAs).toBeUndefined();
    expect(result.steps?.[1]).toMatchObject({ id: 'read', expectedStatus: 401, expectedAs: '401 (as read-unknown was answered)' });
    const single = await executeCase(planCase('getWhatsAppSyncStatus/coexistence[snd_a]', 'getWhatsAppSyncStatus', row('getWhatsAppSyncStatus', 'coexistence'), { senderId: 'snd_a' }, operations), deps());
    expect(single.expectedAs).toBeUndefined();
  });
});

describe('a skipped sequence keeps the success it would have asked for', () => {
  test("a start sequence skipped keeps its start's 202, so the run knows a success was never asked for", async () => {
    const planned = planCase('startWhatsAppHistorySync/start-syncable', 'startWhatsAppHistorySync', row('startWhatsAppHistorySync', 'start-syncable'), {}, operations, 'ZAVU_SENDER_SYNCABLE is not set: nothing to test for role syncable');
    const skipped = skippedResult(planned, operations.get('startWhatsAppHistorySync') ?? fail('no operation'));
    expect(skipped).toMatchObject({ status: 'skipped', expectedStatus: 202 });
    const certificate = { operations: [{ operationId: 'startWhatsAppHistorySync', operation: 'POST /v1/senders/{senderId}/whatsapp-sync/history', families: [], level: 'partial' as const, unseenSuccess: ['202'] }] };
    expect(unseenSuccessNotes(certificate, [skipped])[0]).toContain('startWhatsAppHistorySync/start-syncable: ZAVU_SENDER_SYNCABLE is not set');
  });

  test.each(['startWhatsAppHistorySync', 'startWhatsAppContactsSync'])('the not-active row of %s, skipped, keeps no 202: its start is predicted, yet to an account that is not active (a 202 only if its fixture went stale)', (operationId) => {
    // Skipped on every live run (the suite writes to no not-active sender): "expected 202" in the
    // HTML's table, and "expecting a success was skipped" in the never-seen note, misread the row.
    const planned = planCase(`${operationId}/not-active`, operationId, row(operationId, 'not-active'), { senderId: 'snd_x' }, operations, 'writes go only to ZAVU_SENDER_SYNCABLE (this case would write to snd_x)');
    expect(planned.steps.find((step) => step.id === 'start')?.expect.predict?.model).toBe('start-sync');
    const skipped = skippedResult(planned, operations.get(operationId) ?? fail('no operation'));
    expect(skipped.expectedStatus).toBeUndefined();
    const certificate = { operations: [{ operationId, operation: 'POST', families: [], level: 'partial' as const, unseenSuccess: ['202'] }] };
    expect(unseenSuccessNotes(certificate, [skipped])[0]).toMatch(/^202 never seen: every request of start\w+ was rightly refused/);
  });

  test('a skipped sequence that asks for no success of its operation keeps none (an OPTIONS preflight\'s 204 is not one)', () => {
    const planned = planCase('startWhatsAppHistorySync/options-changes-nothing', 'startWhatsAppHistorySync', row('startWhatsAppHistorySync', 'options-changes-nothing'), {}, operations, 'writes not allowed');
    expect(planned.steps.length).toBeGreaterThan(1);
    expect(skippedResult(planned, operations.get('startWhatsAppHistorySync') ?? fail('no operation')).expectedStatus).toBeUndefined();
  });
});

describe("a 404 where 401 was due names the configured sender as the key's own, or as another project's when it is hidden from the key", () => {
  /** A hand-written mock's `keys[token]`: "Bearer constructor" is some caller, who owns no sender. */
  const notFound: CaseDeps['transport'] = {
    send: async (request: HttpRequest, id: string): Promise<Exchange> => ({ id, request, response: { status: 404, headers: { 'content-type': 'application/json' }, bodyText: '{"code":"not_found","message":"Sender not found"}' }, startedAt: new Date(0).toISOString(), durationMs: 1 }),
  };
  const configured = { fixtureVariables: { snd_a: 'ZAVU_SENDER_COEXISTENCE', snd_o: 'ZAVU_SENDER_OTHER_PROJECT' }, hiddenFixtures: new Set(['snd_o']) };
  const story = async (senderId: string): Promise<string> => {
    const planned = planCase(`getWhatsAppSyncStatus/key-property-name`, 'getWhatsAppSyncStatus', row('getWhatsAppSyncStatus', 'key-property-name'), { senderId }, operations);
    const result = await executeCase(planned, { ...deps(), ...configured, transport: notFound });
    expect(result).toMatchObject({ status: 'failed', expectedStatus: 401, receivedStatus: 404 });
    return result.violations.find((v) => v.check === 'status-code-expected')?.message ?? fail('no status-code-expected error');
  };

  test("the key's own sender: these credentials were not refused (a lookup before authenticating finds it)", async () => {
    expect(await story('snd_a')).toMatch(/^Received: 404 \(these credentials were not refused: ZAVU_SENDER_COEXISTENCE "snd_a" \(configured as a sender of the key's own project/);
  });

  // It exists as the key's own senders do: a lookup before authenticating finds it and answers 401.
  test("another project's sender (hidden from the key): not refused either, named as that project's", async () => {
    expect(await story('snd_o')).toMatch(/^Received: 404 \(these credentials were not refused: ZAVU_SENDER_OTHER_PROJECT "snd_o" \(configured as the other project's sender\)/);
  });
});

describe('behind a front that resets every request no client of the API sends as-is (nginx 444)', () => {
  // Its routes exact, its methods GET and POST, its credentials a key of the key's form: such a front
  // answers every read and start a client makes, and drops the rest unanswered, which is no lost target.
  const ROUTE = /^\/v1\/senders\/[A-Za-z0-9_]+\/whatsapp-sync(?:\/(?:contacts|history))?$/;
  const KEY = /^Bearer zv_test_[a-z]+$/;
  let server: Server;
  let baseUrl = '';
  let reached = 0;
  /** Its API process gone: the front still takes each connection, and closes it unanswered. */
  let down = false;
  beforeAll(async () => {
    server = createServer((req, res) => {
      reached += 1;
      const path = req.url ?? '';
      const asIs = (req.method === 'GET' || req.method === 'POST') && ROUTE.test(path) && (req.method === 'POST') === /\/(?:contacts|history)$/.test(path) && KEY.test(req.headers.authorization ?? '');
      if (!asIs || down) {
        req.socket.destroy();
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"code":"sender_not_found","message":"no such sender"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  /** The read's shipped cases (the property aside) in plan order, each `times` times, through a target guard before the front. */
  async function readPlanThroughGuard(times: number): Promise<{ guard: TargetGuardTransport; results: CaseResult[] }> {
    const http = new HttpTransport(2000);
    const guard = new TargetGuardTransport(http, 'the target');
    const caseDeps: CaseDeps = { ...shippedCaseDeps(guard), target: { baseUrl, apiKey: 'zv_test_x', unknownKey: 'zv_test_y', otherProjectKey: 'zv_test_z' } };
    const bound = bindFixtures(registry, { embedded: true, env: {} });
    const cases = planCases({ registry, operations, bound, embedded: true, allowWrites: true, otherProjectKey: true, only: ['getWhatsAppSyncStatus'] }).filter((c) => c.scenario.fuzz === undefined && c.skipReason === undefined);
    const results: CaseResult[] = [];
    try {
      for (const c of cases) for (let i = 0; i < times; i += 1) results.push(await executeCase(c, caseDeps));
    } finally {
      http.close();
    }
    return { guard, results };
  }

  it("is no lost target: the read's cases in plan order, each twice (--repeat 2), are every one sent", async () => {
    const before = reached;
    const { guard, results } = await readPlanThroughGuard(2);
    expect(guard.lostTarget()).toBeUndefined();
    // Every step the cases sent reached the front (a sequence ends at its first failed step: the case's own
    // finding; a reset on a reused connection is sent again on a fresh one, so the front may count more).
    const sent = results.flatMap((r): { status: string; notSent?: true }[] => r.steps ?? [r]).filter((step) => step.status !== 'skipped' && step.notSent !== true).length;
    expect(reached - before).toBeGreaterThanOrEqual(sent);
    expect(JSON.stringify(results)).not.toContain('the target was lost');
    expect(sent).toBeGreaterThan(150);
  });

  it("is not said to have stopped answering at the run's end, though its last requests, the probes, were all reset: it answered every read a client sends", async () => {
    const { guard, results } = await readPlanThroughGuard(1);
    // The run ends on requests spelled to probe, each reset by the front: the row the end-of-run rule reads.
    const last = results.slice(-5);
    expect(last.every((r) => r.violations.some((v) => v.check === 'transport-error'))).toBe(true);
    expect(guard.lostTarget()).toBeUndefined();
    expect(guard.stoppedAtEnd()).toBeUndefined();
  });

  it("is lost once its API is gone, at the reads a client sends: the first request since its last answer named", async () => {
    const http = new HttpTransport(2000);
    const guard = new TargetGuardTransport(http, 'the target');
    const caseDeps: CaseDeps = { ...shippedCaseDeps(guard), target: { baseUrl, apiKey: 'zv_test_x', unknownKey: 'zv_test_y' } };
    const read = (sender: string) => planCase(`getWhatsAppSyncStatus/coexistence[${sender}]`, 'getWhatsAppSyncStatus', row('getWhatsAppSyncStatus', 'coexistence'), { senderId: sender }, operations);
    try {
      await executeCase(read('snd_a'), caseDeps);
      down = true;
      // Five reads in a row (LOST_AFTER), one of a sender id as a real one may be (a colon, a plus): sent percent-encoded, still a client's read.
      for (const sender of ['snd_b', 'whatsapp:+15550001', 'snd_c', 'snd_d', 'snd_e']) await executeCase(read(sender), caseDeps);
    } finally {
      down = false;
      http.close();
    }
    expect(guard.lostTarget()?.at).toBe('GET /v1/senders/snd_b/whatsapp-sync, exchange getWhatsAppSyncStatus/coexistence[snd_b]');
    expect(guard.lostTarget()?.why).toContain('(the last: reset, ');
  });
});
