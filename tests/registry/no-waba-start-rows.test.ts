/**
 * A start to a sender without a WhatsApp Business Account is refused: each start operation's
 * no-waba row reads that sender before the start and predicts the start's refusal from that read
 * with the start model. The read of a sender without a WABA is itself a 400 (the status read's
 * no_waba example), and that refusal is the state: said in the documented no_waba words, the
 * sender has no WABA connected, so the start's not_coexistence, not_active and in_progress (a
 * connected account's mode, status and sync) are reasons it rules out, said word for word an
 * error; rate_limit stays allowed (a limit the read cannot show, as for an account not active).
 * Without the read, a no-WABA start refused as "not coexistence" in the documented words drew a
 * warning only: nothing read before told the suite which reason held.
 */
import type { Exchange, HttpRequest } from '../../src/model';
import { planCase } from '../../src/registry/plan-cases';
import { NO_WABA_MESSAGE, NOT_COEXISTENCE_MESSAGE, startMessages, type SyncPart } from '../../src/reference-server';
import { executeCase, type CaseDeps } from '../../src/runner/execute-case';
import { operations, row, shippedCaseDeps, startRows } from '../support/shipped-contract';

test('every start operation predicts its no-WABA sender\'s start from the read before it, the read itself a 400 no_waba', () => {
  const starts = startRows('no-waba');
  expect(starts.map((start) => start.operationId).sort()).toEqual(['startWhatsAppContactsSync', 'startWhatsAppHistorySync']);
  for (const { operationId, part, scenario: found, steps } of starts) {
    expect(found?.path).toEqual({ senderId: 'noWaba' });
    expect(found?.family).toBe('no-waba');
    expect({ operation: operationId, steps }).toEqual({
      operation: operationId,
      steps: [
        ['read-before', 'getWhatsAppSyncStatus', 'valid', 400, ['no_waba'], undefined],
        // Nothing stated beside the model: examples stated would win over its prediction, and say nothing of the state.
        ['start', undefined, 'valid', undefined, undefined, { model: 'start-sync', part, from: 'read-before', refusal: true }],
        ['read-after', 'getWhatsAppSyncStatus', 'valid', 400, ['no_waba'], undefined],
      ],
    });
  }
});

const error = (message: string) => ({ status: 400, body: { code: 'bad_request', message } });

/** One sender: a read is answered `read`, a start `start(part)`. */
function server(read: { status: number; body: unknown }, start: (part: SyncPart) => { status: number; body: unknown }): CaseDeps['transport'] {
  const json = ({ status, body }: { status: number; body: unknown }) => ({ status, headers: { 'content-type': 'application/json', date: new Date().toUTCString() }, bodyText: JSON.stringify(body) });
  return {
    send: async (request: HttpRequest, id: string): Promise<Exchange> => {
      const part = /\/(history|contacts)$/.exec(request.path)?.[1] as SyncPart | undefined;
      const response = json(part === undefined ? read : start(part));
      return { id, request, response, startedAt: new Date().toISOString(), durationMs: 1 };
    },
  };
}

async function runRow(operationId: string, read: { status: number; body: unknown }, start: (part: SyncPart) => { status: number; body: unknown }) {
  const planned = planCase(`${operationId}/no-waba`, operationId, row(operationId, 'no-waba'), { senderId: 'snd_w' }, operations);
  const result = await executeCase(planned, shippedCaseDeps(server(read, start)));
  return { status: result.status, failedStep: result.failedStep, findings: result.violations.map((v) => `${v.severity} ${v.step ?? ''} ${v.check}`) };
}

const readNoWaba = error(NO_WABA_MESSAGE);

describe.each([['startWhatsAppHistorySync'], ['startWhatsAppContactsSync']] as const)('the no-waba row of %s, judged by what its read before saw', (operationId) => {
  test('read as no WABA, the start refused as no WABA: passed, with no warning', async () => {
    expect(await runRow(operationId, readNoWaba, (p) => error(startMessages(p).no_waba))).toEqual({ status: 'passed', failedStep: undefined, findings: [] });
  });

  test('read as no WABA, the start refused as not coexistence in the documented words: a reason the read before rules out (an error)', async () => {
    expect(await runRow(operationId, readNoWaba, (p) => error(startMessages(p).not_coexistence))).toEqual({ status: 'failed', failedStep: 'start', findings: ['error start error-message-documented'] });
  });

  test.each([['not_active'], ['in_progress']] as const)('read as no WABA, the start refused as %s in the documented words: a connected account\'s reason, ruled out (an error)', async (reason) => {
    expect(await runRow(operationId, readNoWaba, (p) => error(startMessages(p)[reason]))).toEqual({ status: 'failed', failedStep: 'start', findings: ['error start error-message-documented'] });
  });

  test('read as no WABA, the start refused at its limit (a limit the read cannot show, checked first): passed, with no warning', async () => {
    expect(await runRow(operationId, readNoWaba, (p) => error(startMessages(p).rate_limit))).toEqual({ status: 'passed', failedStep: undefined, findings: [] });
  });

  test('read as no WABA, the start refused in words of its own: the examples are illustrative (a warning)', async () => {
    expect(await runRow(operationId, readNoWaba, () => error('This sender has no WhatsApp account'))).toEqual({ status: 'passed', failedStep: undefined, findings: ['warning start error-message-documented'] });
  });

  test('read refused in words of its own (no reason told in the contract\'s words), the start refused as not coexistence: nothing ruled out, no error', async () => {
    const run = await runRow(operationId, error('No WhatsApp here'), (p) => error(startMessages(p).not_coexistence));
    expect(run.status).toBe('passed');
    expect(run.findings).not.toContain('error start error-message-documented');
  });

  test('read as not coexistence (ZAVU_SENDER_NO_WABA naming a sender with a WABA), the start refused as not coexistence: the read warns, the start agrees with it', async () => {
    expect(await runRow(operationId, error(NOT_COEXISTENCE_MESSAGE), (p) => error(startMessages(p).not_coexistence))).toEqual({ status: 'passed', failedStep: undefined, findings: ['warning read-before error-message-documented', 'warning read-after error-message-documented'] });
  });

  test('a 202 to a sender read without a WABA fails at the start', async () => {
    const run = await runRow(operationId, readNoWaba, () => ({ status: 202, body: { message: 'Sync initiated' } }));
    expect(run).toMatchObject({ status: 'failed', failedStep: 'start' });
    expect(run.findings).toContain('error start status-code-expected');
  });
});
