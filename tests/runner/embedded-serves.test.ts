/**
 * Without --base-url the run goes to the embedded reference server: every operation it would send a
 * request of (a row's own, or a step's) must be one its route table serves as the spec has it.
 */
import type { OperationContract } from '../../src/model';
import { ExitCode, UsageError } from '../../src/model/errors';
import type { Registry } from '../../src/registry/load-registry';
import { refuseUnservedByEmbedded } from '../../src/runner/embedded-serves';
import { operations, registry } from '../support/shipped-contract';

const GET = 'getWhatsAppSyncStatus';
const profile: OperationContract = { ...(operations.get(GET) as OperationContract), operationId: 'getSenderProfile', pathTemplate: '/v1/senders/{senderId}/profile', label: 'GET /v1/senders/{senderId}/profile' };
const withProfile = new Map([...operations, ['getSenderProfile', profile]]);
const profileRows = (steps: boolean): Registry => ({
  ...registry,
  operations: [
    ...registry.operations,
    { operationId: 'getSenderProfile', file: 'operations/getSenderProfile/scenarios.json', scenarios: [{ id: 'read', family: 'coexistence', description: 'd', path: { senderId: 'coexistence' }, ...(steps ? { steps: [{ id: 'status', operation: GET, auth: 'valid', expect: { status: 200, because: 'b' } }] } : { auth: 'valid', expect: { status: 200, because: 'b' } }) }] },
  ],
});

test('the shipped operations are all served', () => {
  expect(() => refuseUnservedByEmbedded(registry, operations, undefined)).not.toThrow();
});

test('an operation of data only is refused, exit 2, unless --operation leaves it out', () => {
  const thrown = (() => {
    try {
      refuseUnservedByEmbedded(profileRows(false), withProfile, undefined);
    } catch (error) {
      return error;
    }
    return undefined;
  })();
  expect(thrown).toBeInstanceOf(UsageError);
  expect((thrown as UsageError).exitCode).toBe(ExitCode.usage);
  expect((thrown as UsageError).message).toBe(`getSenderProfile (GET /v1/senders/{senderId}/profile): the embedded reference server does not serve it (it serves ${GET}, startWhatsAppHistorySync, startWhatsAppContactsSync), so every case would judge its router's 404; give --base-url of a server that does`);
  expect(() => refuseUnservedByEmbedded(profileRows(false), withProfile, [GET])).not.toThrow();
});

test("a served operation whose path the user's spec moved, or a step of a kept operation naming an unserved one, is refused too", () => {
  const moved = new Map([...operations, [GET, { ...(operations.get(GET) as OperationContract), pathTemplate: '/v2/senders/{senderId}/whatsapp-sync', label: 'GET /v2/senders/{senderId}/whatsapp-sync' }]]);
  expect(() => refuseUnservedByEmbedded(registry, moved, [GET])).toThrow(/^getWhatsAppSyncStatus \(GET \/v2\/senders\/\{senderId\}\/whatsapp-sync\): the embedded reference server does not serve it/);
  const stepping: Registry = { ...registry, operations: [{ ...(registry.operations[0] as Registry['operations'][number]), scenarios: [{ id: 'x', family: 'coexistence', description: 'd', path: { senderId: 'coexistence' }, steps: [{ id: 'p', operation: 'getSenderProfile', auth: 'valid', expect: { status: 200, because: 'b' } }] }] }] };
  expect(() => refuseUnservedByEmbedded(stepping, withProfile, [GET])).toThrow(/^getSenderProfile \(GET \/v1\/senders\/\{senderId\}\/profile\): /);
});

test('a served operation whose method the spec changed is refused too, and several unserved are named together', () => {
  const posted = new Map([...withProfile, [GET, { ...(operations.get(GET) as OperationContract), method: 'POST', label: 'POST /v1/senders/{senderId}/whatsapp-sync' } as OperationContract]]);
  expect(() => refuseUnservedByEmbedded(profileRows(false), posted, undefined)).toThrow(
    /^getWhatsAppSyncStatus \(POST \/v1\/senders\/\{senderId\}\/whatsapp-sync\), getSenderProfile \(GET \/v1\/senders\/\{senderId\}\/profile\): the embedded reference server does not serve them \(/,
  );
});
