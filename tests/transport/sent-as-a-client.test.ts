/** Which of the shipped steps a client of the API sends as they are: only their resets count toward a lost target. */
import type { AuthVariant } from '../../src/model';
import type { Scenario, ScenarioStep } from '../../src/model/scenario';
import { idOfAClient, sentAsAClient } from '../../src/transport/sent-as-a-client';
import { operation, registry } from '../support/shipped-contract';

/** A shipped row's steps, a single-request row's one request as its step. */
type Step = Pick<ScenarioStep, 'id' | 'operation' | 'method' | 'pathTemplate' | 'query'> & { auth?: AuthVariant };
const stepsOf = (scenario: Scenario): Step[] => scenario.steps ?? [{ id: 'request', ...(scenario.auth !== undefined ? { auth: scenario.auth } : {}) }];

/** Every shipped step, with its operation. */
const steps = registry.operations.flatMap((o) =>
  o.scenarios.flatMap((s) => stepsOf(s).map((step) => ({ id: `${o.operationId}/${s.id}#${step.id}`, operation: operation(step.operation ?? o.operationId), auth: step.auth ?? 'valid', step }))),
);
const asAClient = (id: string): boolean => {
  const found = steps.find((s) => s.id === id);
  if (found === undefined) throw new Error(`no step ${id}`);
  return sentAsAClient(found.operation, found.auth, found.step);
};

test("a read and a start with a key of the key's form are a client's: the run's, another project's, an unknown one", () => {
  for (const id of ['getWhatsAppSyncStatus/coexistence#request', 'getWhatsAppSyncStatus/unknown-sender-wrong-key#request', 'getWhatsAppSyncStatus/own-sender-other-project-key#read-as-other-project', 'startWhatsAppHistorySync/start-syncable#start', 'startWhatsAppContactsSync/concurrent-starts#start']) {
    expect([id, asAClient(id)]).toEqual([id, true]);
  }
});

test('credentials spelled to probe are not, whatever the path: a front may reset them (the auth rows send 15 in a row)', () => {
  for (const id of ['oversized-bearer-token', 'control-chars-in-token', 'lowercase-bearer-scheme', 'padded-bearer-token', 'key-then-word', 'basic-scheme', 'empty-bearer', 'key-cut-short', 'unknown-sender-no-credentials']) {
    expect([id, asAClient(`getWhatsAppSyncStatus/${id}#request`)]).toEqual([id, false]);
  }
});

test("a method or a path other than the operation's own is not: HEAD, OPTIONS, a GET to a start, a query, a trailing dot, a case-folded path", () => {
  const shipped: Array<[string, boolean]> = [
    ['getWhatsAppSyncStatus/head-changes-nothing#head', false],
    ['startWhatsAppHistorySync/options-changes-nothing#options-read', false],
    ['startWhatsAppContactsSync/get-changes-nothing#get', false],
    ['startWhatsAppContactsSync/get-changes-nothing#read-before', true],
    ['getWhatsAppSyncStatus/other-project-sender#read-unknown', true],
    ['getWhatsAppSyncStatus/other-project-sender-trailing-slash#read', false],
    ['getWhatsAppSyncStatus/no-credentials-trailing-dot#read', false],
  ];
  for (const [id, client] of shipped) expect([id, asAClient(id)]).toEqual([id, client]);
  expect(sentAsAClient(operation('getWhatsAppSyncStatus'), 'valid', { query: 'zvc=1' })).toBe(false);
  expect(sentAsAClient(operation('getWhatsAppSyncStatus'), 'valid', { pathTemplate: '/V1/Senders/{senderId}/WhatsApp-Sync' })).toBe(false);
  expect(sentAsAClient(operation('getWhatsAppSyncStatus'), 'valid', { method: 'GET' })).toBe(true);
});

test("a negative input's id is a client's when it has a configured sender's form: its type prefix, then the classes of character its rest has", () => {
  const fixtures = ['snd_coex_active', 'snd_zvc_unknown_82d3', 'whatsapp:+15550001'];
  for (const id of ['snd_coex_activex', 'snd_coex_activ', 'snd_xoex_active', 'snd_a', 'snd_0', `snd_${'a'.repeat(60)}`]) expect([id, idOfAClient(id, fixtures)]).toEqual([id, true]);
  // What a front with the API's id shape in its exact routes may reset, one after another in the fixed list.
  for (const id of ['null', 'undefined', 'NaN', '-1', '0', '__proto__', 'SND_COEX_ACTIVE', 'snd_coex_activE', 'xsnd_coex_active', 'nd_coex_active', 'coex_active', 'snd_', 'snd_a-b', `snd_${'a'.repeat(61)}`]) expect([id, idOfAClient(id, fixtures)]).toEqual([id, false]);
  for (const id of ['', '.', 'a/b', '%2F', 'snd_😀', "' OR '1'='1", 'snd ', 'snd_a\u0000b', 'whatsapp:+15550002', 'a'.repeat(1024)]) expect([id, idOfAClient(id, fixtures)]).toEqual([id, false]);
  expect(idOfAClient('snd_a-b', ['snd_x-y'])).toBe(true);
  expect(idOfAClient('snd_coex_active', [])).toBe(false);
});
