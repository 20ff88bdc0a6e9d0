import { acceptedMessageNotRefusalCheck } from '../../src/checks/accepted-message-not-refusal';
import { context, exchange, jsonResponse } from './support/exchange-factory';
import { operation, operations } from '../support/shipped-contract';

const sync = {
  isCoexistence: true,
  status: 'active',
  history: { status: 'pending', canSync: false, requestedAt: '2024-01-15T10:00:00Z', completedAt: null },
  contacts: { status: 'not_requested', canSync: true, requestedAt: null },
};
const run = (operationId: string, status: number, body: unknown) =>
  acceptedMessageNotRefusalCheck.run(exchange(jsonResponse(status, body)), context({ status, operation: operation(operationId) }));

describe('accepted-message-not-refusal', () => {
  it('passes the documented 202 message, and a message of the server\'s own words', () => {
    expect(run('startWhatsAppHistorySync', 202, { message: 'History sync initiated', sync })).toEqual([]);
    expect(run('startWhatsAppHistorySync', 202, { message: 'Sync requested; the account owner will be asked to approve', sync })).toEqual([]);
  });

  it.each([
    ['startWhatsAppHistorySync', 'History sync is already in progress'],
    ['startWhatsAppHistorySync', 'Sync limit reached. Please wait 23 hours before trying again.'],
    ['startWhatsAppContactsSync', 'WhatsApp account is not active.'],
  ])('fails a %s 202 whose message is one of its documented refusals: %s', (operationId, message) => {
    const found = run(operationId, 202, { message, sync });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ check: 'accepted-message-not-refusal', severity: 'error', instancePath: '/message' });
    expect(found[0]?.message).toMatch(/^Received: 202 whose message is the documented 400 \w+'s \(".*"\) \/ Expected: a success message \(/);
  });

  it('names the refusal the message is, and cuts a long one', () => {
    expect(run('startWhatsAppHistorySync', 202, { message: 'History sync is already in progress', sync })[0]?.message).toContain('the documented 400 in_progress\'s ("History sync is already in progress")');
    // The documented words, not the received ones: a request id after them is the target's.
    expect(run('startWhatsAppHistorySync', 202, { message: 'History sync is already in progress (request 3f2a9c)', sync })[0]?.message).not.toContain('3f2a9c');
    expect(run('startWhatsAppHistorySync', 202, { message: 'x'.repeat(100_000), sync })).toEqual([]);
  });

  it('judges only a 2xx with a string message: a 400 carrying the refusal is the documented answer', () => {
    expect(run('startWhatsAppHistorySync', 400, { code: 'bad_request', message: 'History sync is already in progress' })).toEqual([]);
    expect(run('startWhatsAppHistorySync', 202, { message: 7, sync })).toEqual([]);
    expect(run('startWhatsAppHistorySync', 202, 'History sync is already in progress')).toEqual([]);
  });

  describe("another operation's documented success", () => {
    const inRun = (operationId: string, status: number, body: unknown, contract = operations) =>
      acceptedMessageNotRefusalCheck.run(exchange(jsonResponse(status, body)), context({ status, operation: operation(operationId), contract }));

    it.each([
      ['startWhatsAppHistorySync', 'Contacts sync initiated', 'startWhatsAppContactsSync'],
      ['startWhatsAppContactsSync', 'History sync initiated.', 'startWhatsAppHistorySync'],
    ])('fails a %s 202 that says %s: the other start accepted (a handler shared by both parts, its word picked wrong)', (operationId, message, other) => {
      const found = inRun(operationId, 202, { message, sync });
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ check: 'accepted-message-not-refusal', severity: 'error', instancePath: '/message' });
      expect(found[0]?.message).toContain(`the documented 202 of ${other}`);
    });

    it('passes its own documented words, and words of its own that no other operation documents', () => {
      expect(inRun('startWhatsAppHistorySync', 202, { message: 'History sync initiated', sync })).toEqual([]);
      expect(inRun('startWhatsAppContactsSync', 202, { message: 'Sync initiated', sync })).toEqual([]);
    });

    it('passes its own documented words when another operation documents the same ones too', () => {
      const history = operation('startWhatsAppHistorySync');
      const withTwin = new Map([...operations, ['historyTwin', { ...history, operationId: 'historyTwin' }] as const]);
      expect(inRun('startWhatsAppHistorySync', 202, { message: 'History sync initiated', sync }, withTwin)).toEqual([]);
      expect(inRun('startWhatsAppContactsSync', 202, { message: 'History sync initiated', sync }, withTwin)).toHaveLength(1);
    });

    it('without the run\'s contract (a user\'s own Jest test) judges by the operation alone', () => {
      expect(run('startWhatsAppHistorySync', 202, { message: 'Contacts sync initiated', sync })).toEqual([]);
    });
  });
});
