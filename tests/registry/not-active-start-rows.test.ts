/**
 * A start to a sender whose account is not active is refused, and starts nothing: each start
 * operation's not-active row reads that sender before the start, predicts the start's answer from
 * that read with the start model (not_active; with the part already in flight, in_progress or
 * rate_limit as well, as the contract orders no two refusals), and reads it again after, predicted
 * to agree with the start (after a refusal: unchanged since the read before). Without the reads, a
 * server that refuses the start yet stores the sync (an upsert before the check) passed whenever
 * the not-active sender was not also one of the configured coexistence senders, as on a live
 * target it is not; with a static not_active, a server that checks "in progress" first drew a
 * warning for a reason as true.
 */
import type { Exchange, HttpRequest } from '../../src/model';
import { planCase } from '../../src/registry/plan-cases';
import { startedSync, startMessages, type SyncPart, type WhatsAppSyncStatus } from '../../src/reference-server';
import { executeCase, type CaseDeps } from '../../src/runner/execute-case';
import { operations, row, shippedCaseDeps, startRows } from '../support/shipped-contract';

test('every start operation predicts its not-active sender\'s start from the read before it, and the read after from the start', () => {
  const starts = startRows('not-active');
  expect(starts.map((start) => start.operationId).sort()).toEqual(['startWhatsAppContactsSync', 'startWhatsAppHistorySync']);
  for (const { operationId, part, scenario: found, steps } of starts) {
    expect(found?.path).toEqual({ senderId: 'notActive' });
    expect(found?.family).toBe('not-active');
    expect({ operation: operationId, steps }).toEqual({
      operation: operationId,
      steps: [
        ['read-before', 'getWhatsAppSyncStatus', 'valid', 200, undefined, undefined],
        // Nothing stated beside the model: a status or examples stated would win over its prediction.
        ['start', undefined, 'valid', undefined, undefined, { model: 'start-sync', part, from: 'read-before', refusal: true }],
        ['read-after', 'getWhatsAppSyncStatus', 'valid', 200, undefined, { model: 'agrees-with-start', part, from: 'start' }],
      ],
    });
  }
});

/** What the fake server does with a start: answer it as `answer` says, storing `stored` when given. */
interface Policy {
  answer: (part: SyncPart, sync: WhatsAppSyncStatus) => { status: number; body: unknown };
  stored?: (part: SyncPart, sync: WhatsAppSyncStatus) => WhatsAppSyncStatus;
}

const refused = (part: SyncPart, reason: 'not_active' | 'in_progress' | 'rate_limit') => ({ status: 400, body: { code: 'bad_request', message: startMessages(part)[reason] } });

/** One sender whose sync is `initial`: a read serves it, a start is answered by `policy`. */
function server(initial: WhatsAppSyncStatus, policy: Policy): CaseDeps['transport'] {
  let sync = structuredClone(initial);
  const json = (status: number, body: unknown) => ({ status, headers: { 'content-type': 'application/json', date: new Date().toUTCString() }, bodyText: JSON.stringify(body) });
  return {
    send: async (request: HttpRequest, id: string): Promise<Exchange> => {
      const part = /\/(history|contacts)$/.exec(request.path)?.[1] as SyncPart | undefined;
      let response = json(200, { sync });
      if (part !== undefined) {
        const { status, body } = policy.answer(part, sync);
        sync = policy.stored?.(part, sync) ?? sync;
        response = json(status, body);
      }
      return { id, request, response, startedAt: new Date().toISOString(), durationMs: 1 };
    },
  };
}

const pendingRegistration: WhatsAppSyncStatus = {
  isCoexistence: true,
  status: 'pending_registration',
  history: { status: 'pending', canSync: false, requestedAt: '2026-02-27T23:59:59-05:00' },
  contacts: { status: 'pending', canSync: false, requestedAt: '2026-02-27T23:59:59-05:00' },
};
const pendingVerification: WhatsAppSyncStatus = {
  isCoexistence: true,
  status: 'pending_verification',
  history: { status: 'not_requested', canSync: false, requestedAt: null, completedAt: null },
  contacts: { status: 'not_requested', canSync: false, requestedAt: null },
};
/** ZAVU_SENDER_NOT_ACTIVE naming an account active since, nothing requested. */
const activeSince: WhatsAppSyncStatus = {
  ...pendingVerification,
  status: 'active',
  history: { ...pendingVerification.history, canSync: true },
  contacts: { ...pendingVerification.contacts, canSync: true },
};

async function runRow(operationId: string, initial: WhatsAppSyncStatus, policy: Policy) {
  const planned = planCase(`${operationId}/not-active`, operationId, row(operationId, 'not-active'), { senderId: 'snd_i' }, operations);
  const result = await executeCase(planned, shippedCaseDeps(server(initial, policy)));
  return { status: result.status, failedStep: result.failedStep, findings: result.violations.map((v) => `${v.severity} ${v.step ?? ''} ${v.check}`) };
}

describe.each([
  ['startWhatsAppHistorySync', 'history'],
  ['startWhatsAppContactsSync', 'contacts'],
] as const)('the not-active row of %s, judged by what its read before saw', (operationId, part) => {
  test('an account not active with the part in flight, refused as in progress (checked first): passed, with no warning', async () => {
    expect(await runRow(operationId, pendingRegistration, { answer: (p) => refused(p, 'in_progress') })).toEqual({ status: 'passed', failedStep: undefined, findings: [] });
  });

  test('the same, refused as not active: passed, with no warning', async () => {
    expect(await runRow(operationId, pendingRegistration, { answer: (p) => refused(p, 'not_active') })).toEqual({ status: 'passed', failedStep: undefined, findings: [] });
  });

  test('an account not active with the part at rest, refused as in progress in the documented words: a reason the read before rules out, the part is not in flight (an error)', async () => {
    expect(await runRow(operationId, pendingVerification, { answer: (p) => refused(p, 'in_progress') })).toEqual({ status: 'failed', failedStep: 'start', findings: ['error start error-message-documented'] });
  });

  test('the same refusal in words of its own: the examples are illustrative (a warning)', async () => {
    const own = { status: 400, body: { code: 'bad_request', message: 'A sync is already running' } };
    expect(await runRow(operationId, pendingVerification, { answer: () => own })).toEqual({ status: 'passed', failedStep: undefined, findings: ['warning start error-message-documented'] });
  });

  test('the same part at rest refused at its limit (the limit checked first): canSync false there hides whether it was reached, and the contract orders no two refusals: passed, with no warning', async () => {
    expect(await runRow(operationId, pendingVerification, { answer: (p) => refused(p, 'rate_limit') })).toEqual({ status: 'passed', failedStep: undefined, findings: [] });
  });

  test('a refusal at its limit that stored the sync all the same fails at the read after', async () => {
    const run = await runRow(operationId, pendingVerification, { answer: (p) => refused(p, 'rate_limit'), stored: (p, sync) => startedSync(sync, p, new Date()) });
    expect(run).toMatchObject({ status: 'failed', failedStep: 'read-after' });
    expect(run.findings).toContain('error read-after state-prediction');
  });

  test('a 202 to an account read not active fails at the start', async () => {
    const run = await runRow(operationId, pendingVerification, {
      answer: (p, sync) => ({ status: 202, body: { message: 'Sync initiated', sync: startedSync(sync, p, new Date()) } }),
      stored: (p, sync) => startedSync(sync, p, new Date()),
    });
    expect(run.status).toBe('failed');
    expect(run.failedStep).toBe('start');
    expect(run.findings).toContain('error start status-code-expected');
  });

  test('a refusal as not active that stored the sync all the same (an upsert before the check) fails at the read after', async () => {
    const run = await runRow(operationId, pendingVerification, { answer: (p) => refused(p, 'not_active'), stored: (p, sync) => startedSync(sync, p, new Date()) });
    expect(run).toMatchObject({ status: 'failed', failedStep: 'read-after' });
    expect(run.findings).toContain('error read-after state-prediction');
  });

  test(`an account read active since (ZAVU_SENDER_NOT_ACTIVE stale): the ${part} start is predicted as any coexistence sender's, a 202 and the read agreeing with it passing`, async () => {
    const started = (p: SyncPart, sync: WhatsAppSyncStatus) => startedSync(sync, p, new Date());
    expect(await runRow(operationId, activeSince, { answer: (p, sync) => ({ status: 202, body: { message: 'Sync initiated', sync: started(p, sync) } }), stored: started })).toEqual({ status: 'passed', failedStep: undefined, findings: [] });
  });

  test('an account read active since with the part in flight, refused as in progress: passed, with no warning', async () => {
    const inFlight: WhatsAppSyncStatus = { ...pendingRegistration, status: 'active' };
    expect(await runRow(operationId, inFlight, { answer: (p) => refused(p, 'in_progress') })).toEqual({ status: 'passed', failedStep: undefined, findings: [] });
  });
});
