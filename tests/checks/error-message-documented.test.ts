import { errorMessageDocumentedCheck } from '../../src/checks/error-message-documented';
import { runChecks } from '../../src/checks/run-checks';
import { context, exchange, jsonResponse } from './support/exchange-factory';
import { operation, operations } from '../support/shipped-contract';

const examples = ['no_waba', 'not_coexistence'];
const run = (status: number, body: unknown, withExamples = true) =>
  errorMessageDocumentedCheck.run(exchange(jsonResponse(status, body)), context(withExamples ? { status: 400, examples } : { status: 400 }));

describe('error-message-documented', () => {
  it.each([
    'Sender does not have a WhatsApp Business Account connected',
    'Sync is only available for coexistence accounts',
  ])('passes the documented example %s', (message) => {
    expect(run(400, { code: 'bad_request', message })).toEqual([]);
  });

  it('warns when the message differs from every documented example', () => {
    const found = run(400, { code: 'bad_request', message: 'Sender is disabled' });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ check: 'error-message-documented', severity: 'warning' });
    expect(found[0]?.message).toMatch(/^Received: bad_request "Sender is disabled" \/ Expected: one of the documented examples no_waba or not_coexistence: /);
    expect(found[0]?.message).toContain('Sync is only available for coexistence accounts');
  });

  it('cuts an 8 MB message and a long code to a bounded excerpt, stating their size', () => {
    const found = run(400, { code: 'c'.repeat(5000), message: 'm'.repeat(8 * 1024 * 1024) });
    const message = found[0]?.message ?? '';
    expect(message.length).toBeLessThan(800);
    expect(message).toContain('… (5000 chars)');
    expect(message).toContain('… (a string of 8388608 chars)');
  });

  it('passes a code of its own with the documented message: the Error schema types code as any string (its own example is invalid_request), and the message names the reason', () => {
    expect(run(400, { code: 'invalid_request', message: 'Sync is only available for coexistence accounts' })).toEqual([]);
    expect(run(400, { code: 'not_coexistence', message: 'Sync is only available for coexistence accounts' })).toEqual([]);
    // Another reason in the documented code is still a warning: the message is what tells the reasons apart.
    expect(run(400, { code: 'bad_request', message: 'History sync is already in progress' })).toHaveLength(1);
    expect(run(400, { code: 'not_coexistence', message: 'Sender is disabled' })).toHaveLength(1);
  });

  it('makes a differing 400 message a warning, not an error, across all checks', () => {
    const body = { code: 'bad_request', message: 'Sender is disabled' };
    const { violations } = runChecks(exchange(jsonResponse(400, body)), context({ status: 400, examples }));
    expect(violations.map((violation) => [violation.check, violation.severity])).toEqual([['error-message-documented', 'warning']]);
  });

  it('compares only with the examples the scenario names', () => {
    const noWaba = { code: 'bad_request', message: 'Sender does not have a WhatsApp Business Account connected' };
    const found = errorMessageDocumentedCheck.run(exchange(jsonResponse(400, noWaba)), context({ status: 400, examples: ['not_coexistence'] }));
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain('Expected: the documented example not_coexistence: bad_request "Sync is only available');
  });

  it('only runs when the scenario names examples, and only on 400', () => {
    expect(run(400, { code: 'other', message: 'other' }, false)).toEqual([]);
    expect(run(404, { code: 'other', message: 'other' })).toEqual([]);
  });

  it('passes a documented message with a full stop added, as a server that ends its sentences writes it (not another reason)', () => {
    expect(run(400, { code: 'bad_request', message: 'Sync is only available for coexistence accounts.' })).toEqual([]);
    expect(run(400, { code: 'bad_request', message: 'Sender does not have a WhatsApp Business Account connected.' })).toEqual([]);
    // Still warned: the other part's reason with a full stop, and a word added before it.
    expect(run(400, { code: 'bad_request', message: 'Sync is only available for coexistence accounts yet.' })).toHaveLength(1);
    expect(errorMessageDocumentedCheck.run(exchange(jsonResponse(400, { code: 'bad_request', message: 'Sender does not have a WhatsApp Business Account connected.' })), context({ status: 400, examples: ['not_coexistence'] }))).toHaveLength(1);
  });

  it('passes a documented message with the request\'s id after it (a gateway\'s log tag, not another reason)', () => {
    expect(run(400, { code: 'bad_request', message: 'Sync is only available for coexistence accounts (request d19be1384440f62a4781c6fc6888231d)' })).toEqual([]);
    expect(run(400, { code: 'bad_request', message: 'Sync is only available for coexistence accounts. Request ID: req_9f8e7d6c5b4a3928' })).toEqual([]);
    expect(run(400, { code: 'bad_request', message: 'Sync is only available for coexistence accounts (disabled)' })).toHaveLength(1);
  });

  it('leaves a missing or non-string message to response-schema', () => {
    expect(run(400, { code: 'bad_request' })).toEqual([]);
    expect(run(400, { code: 'bad_request', message: 7 })).toEqual([]);
  });

  it('passes the limit\'s documented message worded with the time left; another reason stays a warning', () => {
    const start = operation('startWhatsAppHistorySync');
    const limited = (message: string) => errorMessageDocumentedCheck.run(exchange(jsonResponse(400, { code: 'bad_request', message })), context({ status: 400, examples: ['rate_limit'], operation: start }));
    expect(limited('Sync limit reached. Please wait 23 hours before trying again.')).toEqual([]);
    expect(limited('Sync limit reached. Please wait 1 hour before trying again.')).toEqual([]);
    // The time left in another unit of time, and a code of its own: the same reason.
    expect(limited('Sync limit reached. Please wait 45 minutes before trying again.')).toEqual([]);
    expect(errorMessageDocumentedCheck.run(exchange(jsonResponse(400, { code: 'sync_limit_reached', message: 'Sync limit reached. Please wait 45 minutes before trying again.' })), context({ status: 400, examples: ['rate_limit'], operation: start }))).toEqual([]);
    expect(limited('Sync limit reached. Try again tomorrow.')).toHaveLength(1);
  });

  describe('a refusal in the documented words of a reason the state read before rules out', () => {
    const start = operation('startWhatsAppHistorySync');
    /** A start refused `message`, judged against what the model predicted from the read before: `allowed`. */
    const predicted = (allowed: string[], message: string, fromState = true) =>
      errorMessageDocumentedCheck.run(
        exchange(jsonResponse(400, { code: 'bad_request', message })),
        context({ status: 400, examples: allowed, operation: start, ...(fromState ? { examplesFromState: true as const } : {}) }),
      );

    it.each([
      // An account read not active, its history at rest: never in progress.
      [['not_active', 'rate_limit'], 'History sync is already in progress', 'in_progress'],
      // A sender read connected, in coexistence mode: it has a WABA, and is in that mode.
      [['not_active', 'rate_limit'], 'Sender does not have a WhatsApp Business Account connected', 'no_waba'],
      [['in_progress', 'rate_limit'], 'History sync is only available for coexistence accounts.', 'not_coexistence'],
      // An account read active: not the not-active reason, nor with the request's id after it.
      [['in_progress', 'rate_limit'], 'WhatsApp account is not active (request d19be1384440f62a4781c6fc6888231d)', 'not_active'],
      // An account read active with its history startable, refused as at its limit by a number of its own.
      [['not_active'], 'Sync limit reached. Please wait 3 hours before trying again.', 'rate_limit'],
    ])('fails a refusal allowed %j that says %j: the documented %s, which the read before rules out', (allowed, message, named) => {
      const found = predicted(allowed, message);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ check: 'error-message-documented', severity: 'error', instancePath: '/message' });
      expect(found[0]?.message).toContain(`the documented 400 ${named}'s`);
      expect(found[0]?.message).toContain(`Expected: ${allowed.join(' or ')}`);
    });

    it('still passes a reason the read before allows, and only warns of a wording of the server\'s own', () => {
      expect(predicted(['not_active', 'rate_limit'], 'WhatsApp account is not active')).toEqual([]);
      expect(predicted(['in_progress', 'rate_limit'], 'Sync limit reached. Please wait 23 hours before trying again.')).toEqual([]);
      // Not the documented words of any reason: the server's own, as the examples are illustrative.
      for (const own of ['History sync already running', 'The history sync is already in progress', 'Sender has no WABA']) {
        expect(predicted(['not_active', 'rate_limit'], own).map((v) => v.severity)).toEqual(['warning']);
      }
    });

    it('only warns when the examples are the scenario\'s own, not what a read before allows: no state rules the other reason out', () => {
      expect(predicted(['not_active', 'rate_limit'], 'History sync is already in progress', false).map((v) => v.severity)).toEqual(['warning']);
      expect(errorMessageDocumentedCheck.run(exchange(jsonResponse(400, { code: 'bad_request', message: 'Sync is only available for coexistence accounts' })), context({ status: 400, examples: ['no_waba'] })).map((v) => v.severity)).toEqual(['warning']);
    });

    it('quotes the documented words, not the received ones, and fails the case across all checks', () => {
      const message = 'History sync is already in progress (request req_8f3a2b1c9d0e)';
      const found = predicted(['not_active', 'rate_limit'], message);
      expect(found[0]?.message).not.toContain('req_8f3a');
      const { violations } = runChecks(exchange(jsonResponse(400, { code: 'bad_request', message })), context({ status: 400, examples: ['not_active', 'rate_limit'], examplesFromState: true, operation: start }));
      expect(violations.filter((v) => v.severity === 'error').map((v) => v.check)).toEqual(['error-message-documented']);
    });
  });

  describe("a reason in the words another operation of the contract documents for it", () => {
    const start = operation('startWhatsAppHistorySync');
    const contract = operations;
    /** A start refused `message` where the scenario sets up `allowed`, judged with the whole contract at hand. */
    const judged = (allowed: string[], message: string, fromState = false) =>
      errorMessageDocumentedCheck.run(
        exchange(jsonResponse(400, { code: 'bad_request', message })),
        context({ status: 400, examples: allowed, operation: start, contract, ...(fromState ? { examplesFromState: true as const } : {}) }),
      );

    it("passes a start refused not_coexistence in the read's documented words: the reason said of every sync, as one error helper shared by every operation words it", () => {
      expect(judged(['no_waba', 'not_coexistence'], 'Sync is only available for coexistence accounts')).toEqual([]);
      expect(judged(['not_coexistence'], 'Sync is only available for coexistence accounts.')).toEqual([]);
    });

    it("still warns of the other start's words for the reason: they name another part", () => {
      expect(judged(['not_coexistence'], 'Contacts sync is only available for coexistence accounts').map((v) => v.severity)).toEqual(['warning']);
      expect(judged(['in_progress'], 'Contacts sync is already in progress').map((v) => v.severity)).toEqual(['warning']);
    });

    it("still warns of another reason's words, wherever the contract documents them, and without the contract at hand", () => {
      // not_coexistence words where the scenario sets up no_waba: another documented reason.
      expect(judged(['no_waba'], 'Sync is only available for coexistence accounts').map((v) => v.severity)).toEqual(['warning']);
      // A lone operation (a user's own test): only its own examples are known.
      const alone = errorMessageDocumentedCheck.run(exchange(jsonResponse(400, { code: 'bad_request', message: 'Sync is only available for coexistence accounts' })), context({ status: 400, examples: ['not_coexistence'], operation: start }));
      expect(alone.map((v) => v.severity)).toEqual(['warning']);
    });

    it("takes another operation's words only as this one's with its part's name left out: a shorter tail is no wording of the reason", () => {
      const read = operation('getWhatsAppSyncStatus');
      /** The read, documenting not_coexistence in `words`. */
      const sibling = (words: string) => ({
        ...read,
        responses: read.responses.map((r) => (r.status === '400' ? { ...r, examples: [{ name: 'not_coexistence', value: { code: 'bad_request', message: words } }] } : r)),
      });
      const with_ = (words: string, message: string) =>
        errorMessageDocumentedCheck.run(exchange(jsonResponse(400, { code: 'bad_request', message })), context({ status: 400, examples: ['not_coexistence'], operation: start, contract: new Map([start, sibling(words)].map((o) => [o.operationId, o])) }));
      // A tail of the start's words that is not the whole sentence less its first word: a word, words, nothing, part of a word.
      for (const [words, message] of [['accounts', 'accounts'], ['coexistence accounts', 'coexistence accounts'], ['', ''], ['ounts', 'ounts'], ['is only available for coexistence accounts', 'is only available for coexistence accounts']]) {
        expect(with_(words as string, message as string).map((v) => v.severity)).toEqual(['warning']);
      }
      expect(with_('Sync is only available for coexistence accounts', 'Sync is only available for coexistence accounts')).toEqual([]);
    });

    it("fails a reason the read before rules out in another operation's words for it, as in its own", () => {
      const found = judged(['in_progress', 'rate_limit'], 'Sync is only available for coexistence accounts', true);
      expect(found.map((v) => [v.severity, v.instancePath])).toEqual([['error', '/message']]);
      expect(found[0]?.message).toContain("the documented 400 not_coexistence's");
    });
  });
});
