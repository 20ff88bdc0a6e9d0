/**
 * Cross-project isolation (OWASP API1) as data: every operation has the row, bound to the
 * otherProject role, expecting exactly the unknown sender's 404; the family is core; the role's
 * writes need their own consent.
 */
import type { Scenario } from '../../src/model';
import { registry } from '../support/shipped-contract';

/** A row's request to the other project's sender: the row itself, or the step of a sequence of its own operation without a path of its own. */
const ownRequest = (row: Scenario): { auth?: string; expect?: Scenario['expect'] } => row.steps?.find((step) => step.path === undefined && step.operation === undefined) ?? row;

test('every operation has the other-project-sender rows: valid key, exactly 404 (not 200, not 403); no credentials, exactly 401; with a trailing slash, as an unknown id there', () => {
  for (const operation of registry.operations) {
    const rows = operation.scenarios.filter((row) => row.family === 'isolation' && row.path?.['senderId'] === 'otherProject');
    expect({ operation: operation.operationId, rows: rows.map((row) => [row.id, row.path, ownRequest(row).auth, ownRequest(row).expect?.status, ownRequest(row).expect?.alsoAccept, ownRequest(row).expect?.warnOn]) }).toEqual({
      operation: operation.operationId,
      rows: [
        ['other-project-sender-no-credentials', { senderId: 'otherProject' }, 'none', 401, undefined, undefined],
        ['other-project-sender', { senderId: 'otherProject' }, 'valid', 404, undefined, undefined],
        ['other-project-sender-trailing-slash', { senderId: 'otherProject' }, 'valid', 404, undefined, undefined],
      ],
    });
    // The path a router also serves: any 4xx (a router's own), bound to the unknown id's answer there.
    const slash = operation.scenarios.find((row) => row.id === 'other-project-sender-trailing-slash');
    expect(ownRequest(slash as Scenario).expect).toMatchObject({ anyClientError: true, redirectToSame: true, predict: { model: 'answers-as-unknown' } });
  }
});

test('the isolation family is declared core, and its role is not writable without consent', () => {
  expect(registry.families.find((f) => f.id === 'isolation')).toMatchObject({ core: true });
  const role = registry.roles.get('otherProject')?.role;
  expect(role).toMatchObject({ env: 'ZAVU_SENDER_OTHER_PROJECT', writableWhen: 'ZAVU_SENDER_OTHER_PROJECT_WRITABLE' });
  expect(role?.writable).toBeUndefined();
  // Not among the roles "any" may pick: a credential case must never land on another project's sender.
  expect(registry.roles.get('any')?.role.firstOf).not.toContain('otherProject');
});

test('on the read, another project\'s sender is read after an unknown id, and answered as it was (status, code, no details where it had none); so is its HEAD', () => {
  const row = registry.operations.find((o) => o.operationId === 'getWhatsAppSyncStatus')?.scenarios.find((r) => r.id === 'other-project-sender');
  expect(row?.steps?.map((step) => [step.id, step.path, step.method, step.expect.status, step.expect.predict])).toEqual([
    ['read-unknown', { senderId: 'unknown' }, undefined, 404, undefined],
    ['read', undefined, undefined, 404, { model: 'answers-as-unknown', from: 'read-unknown' }],
    ['head-unknown', { senderId: 'unknown' }, 'HEAD', 404, undefined],
    ['head', undefined, 'HEAD', 404, { model: 'answers-as-unknown', from: 'head-unknown' }],
  ]);
});

test("each start to the other project's sender with the key is read around by that project's own key: 200 before, and after it predicted unchanged (the 404 changed nothing there)", () => {
  for (const operation of registry.operations.filter((o) => o.operationId !== 'getWhatsAppSyncStatus')) {
    const steps = operation.scenarios.find((row) => row.id === 'other-project-sender')?.steps ?? [];
    expect(steps.map((step) => [step.id, step.auth])).toEqual([
      ['start-unknown', 'valid'],
      ['read-owner-before', 'other-project-key'],
      ['start', 'valid'],
      ['read-after', 'valid'],
      ['read-owner-after', 'other-project-key'],
    ]);
    const after = steps.find((step) => step.id === 'read-owner-after');
    expect(after?.operation).toBe('getWhatsAppSyncStatus');
    expect(after?.expect.predict).toMatchObject({ model: 'unchanged', from: 'read-owner-before' });
    // Only there, and in the start that key sends to the key's own sender (own-sender-other-project-key).
    expect(operation.scenarios.flatMap((row) => (row.steps ?? []).filter((step) => step.auth === 'other-project-key').map((step) => `${row.id}/${step.id}`))).toEqual([
      'other-project-sender/read-owner-before',
      'other-project-sender/read-owner-after',
      'own-sender-other-project-key/start-unknown',
      'own-sender-other-project-key/start',
    ]);
  }
});

test("on the read, the key's own sender is read with another project's own key after an unknown id with that key, and answered as it was: isolation seen from the other side", () => {
  const rows = registry.operations.map((o) => [o.operationId, o.scenarios.filter((row) => row.family === 'isolation' && row.path?.['senderId'] !== 'otherProject').map((row) => row.id)]);
  expect(rows).toEqual([
    ['getWhatsAppSyncStatus', ['own-sender-other-project-key']],
    ['startWhatsAppContactsSync', ['own-sender-other-project-key']],
    ['startWhatsAppHistorySync', ['own-sender-other-project-key']],
  ]);
  const row = registry.operations.find((o) => o.operationId === 'getWhatsAppSyncStatus')?.scenarios.find((r) => r.id === 'own-sender-other-project-key');
  // Each of the key's own coexistence senders: never another project's sender, never the unknown id its witness reads.
  expect(row?.path).toEqual({ senderId: 'coexistence' });
  expect(row?.steps?.map((step) => [step.id, step.path, step.auth, step.expect.status, step.expect.predict])).toEqual([
    ['read-unknown', { senderId: 'unknown' }, 'valid', 404, undefined],
    ['read-unknown-as-other-project', { senderId: 'unknown' }, 'other-project-key', 404, undefined],
    ['read-as-other-project', undefined, 'other-project-key', 404, { model: 'answers-as-unknown', from: 'read-unknown-as-other-project' }],
    // The same with HEAD, which a lightweight existence route may serve without the project check.
    ['head-unknown-as-other-project', { senderId: 'unknown' }, 'other-project-key', 404, undefined],
    ['head-as-other-project', undefined, 'other-project-key', 404, { model: 'answers-as-unknown', from: 'head-unknown-as-other-project' }],
  ]);
});

test("each start is sent with another project's own key to the key's writable sender, read with the key around it: answered as that key's unknown id was, and unchanged after", () => {
  for (const operation of registry.operations.filter((o) => o.operationId !== 'getWhatsAppSyncStatus')) {
    const row = operation.scenarios.find((r) => r.id === 'own-sender-other-project-key');
    // The run's own sandbox sender (writes go nowhere else): never a coexistence sender that is only read, never another project's.
    expect(row?.path).toEqual({ senderId: 'syncable' });
    expect(row?.steps?.map((step) => [step.id, step.operation, step.path, step.auth, step.expect.status, step.expect.predict])).toEqual([
      ['read-before', 'getWhatsAppSyncStatus', undefined, 'valid', 200, undefined],
      ['start-unknown', undefined, { senderId: 'unknown' }, 'other-project-key', 404, undefined],
      ['start', undefined, undefined, 'other-project-key', 404, { model: 'answers-as-unknown', from: 'start-unknown' }],
      ['read-after', 'getWhatsAppSyncStatus', undefined, 'valid', 200, { model: 'unchanged', part: operation.operationId === 'startWhatsAppHistorySync' ? 'history' : 'contacts', from: 'read-before' }],
    ]);
  }
});
