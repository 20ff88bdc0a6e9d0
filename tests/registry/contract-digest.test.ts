/**
 * The fingerprint a recording keeps of each operation's contract: it must change when what judges
 * that operation's answers changes, and only then, so a replay names the right recordings as made
 * under another contract and says nothing after a comment or another operation's edit.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { operationDigest, operationDigests } from '../../src/registry/contract-digest';
import type { OperationContract } from '../../src/model';
import { loadContract } from '../../src/registry/load-contract';
import { repoRoot } from '../support/run-cli';
import { scratchDir } from '../support/scratch-dir';

const IDS = ['getWhatsAppSyncStatus', 'startWhatsAppContactsSync', 'startWhatsAppHistorySync'];
const shipped = readFileSync(join(repoRoot, 'specs', 'whatsapp-sync.openapi.yaml'), 'utf8');

/** The fingerprints of the three operations under the shipped spec edited by `edit`. */
function digestsOf(edit: (spec: string) => string): Record<string, string> {
  const text = edit(shipped);
  const file = join(scratchDir('zvc-digest-'), 'spec.yaml');
  writeFileSync(file, text);
  const { operations, schemas } = loadContract(file, IDS);
  return operationDigests(operations, schemas);
}

/** The same edit must really have been made: a test of a replacement that matched nothing proves nothing. */
function replaced(text: string, from: string, to: string): string {
  expect(text).toContain(from);
  return text.replace(from, to);
}

/** The operations whose fingerprint the edit changed. */
function changedBy(edit: (spec: string) => string): string[] {
  const before = digestsOf((s) => s);
  const after = digestsOf(edit);
  return IDS.filter((id) => before[id] !== after[id]);
}

test('a fingerprint per operation, a sha256 in hex, the same for the same contract', () => {
  const digests = digestsOf((s) => s);
  expect(Object.keys(digests)).toEqual(IDS);
  for (const id of IDS) expect(digests[id]).toMatch(/^[0-9a-f]{64}$/);
  expect(digestsOf((s) => s)).toEqual(digests);
});

test('what does not judge an answer changes no fingerprint: a comment, the API description, the order of keys', () => {
  expect(changedBy((s) => `# reviewed\n${s}`)).toEqual([]);
  expect(changedBy((s) => replaced(s, 'Unified multi-channel messaging API for Zavu.', 'The Zavu API.'))).toEqual([]);
  // The Error schema's properties written in another order: the same contract.
  const code = '        code:\n          type: string\n          example: invalid_request\n';
  const message = '        message:\n          type: string\n          example: Phone number is invalid\n';
  expect(changedBy((s) => replaced(s, code + message, message + code))).toEqual([]);
});

test('a new required property of a schema the operations reach changes each operation that reaches it', () => {
  // WhatsAppSyncStatus is reached by the status read (through its response) and by both starts.
  const edit = (s: string): string => replaced(s, '        - history\n        - contacts\n      properties:\n', '        - history\n        - contacts\n        - phoneNumber\n      properties:\n        phoneNumber:\n          type: string\n');
  expect(changedBy(edit)).toEqual(IDS);
});

test("a status removed, or an example's message reworded, changes that operation's fingerprint and no other", () => {
  expect(changedBy((s) => replaced(s, "        '404':\n          description: Sender not found.\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Error'\n      security:\n        - bearerAuth: []\n  /v1/senders/{senderId}/whatsapp-sync/history:", "      security:\n        - bearerAuth: []\n  /v1/senders/{senderId}/whatsapp-sync/history:"))).toEqual(['getWhatsAppSyncStatus']);
  expect(changedBy((s) => replaced(s, 'message: History sync is already in progress', 'message: A history sync is already running'))).toEqual(['startWhatsAppHistorySync']);
});

test('a new operation in the spec changes none of the others', () => {
  const media = [
    '  /v1/senders/{senderId}/whatsapp-sync/media:',
    '    post:',
    '      operationId: startWhatsAppMediaSync',
    '      parameters:',
    '        - $ref: "#/components/parameters/SenderIdParam"',
    '      responses:',
    '        "202":',
    '          description: ok',
    'components:',
    '',
  ].join('\n');
  expect(changedBy((s) => replaced(s, 'components:\n', media))).toEqual([]);
});

test("a component schema named as an object's own members are (constructor, toString, __proto__) is reached like any other", () => {
  const operation = (schemaName: string): OperationContract => ({
    operationId: 'getThing', method: 'GET', pathTemplate: '/things/{thingId}', pathParameters: ['thingId'], writes: false, label: 'GET /things/{thingId}',
    responses: [{ status: '200', description: 'ok', mediaTypes: ['application/json'], schemaName, examples: [] }],
  });
  for (const name of ['constructor', 'toString', '__proto__']) {
    // The schema of the body itself, and one it reaches through a $ref: a new required property of either is a new contract.
    const own = (required: string[]): Record<string, object> => Object.defineProperty({}, name, { value: { type: 'object', required }, enumerable: true });
    expect(operationDigest(operation(name), own(['a']))).not.toBe(operationDigest(operation(name), own(['a', 'b'])));
    const reaching = (type: string): Record<string, object> => Object.defineProperty({ Thing: { type: 'object', properties: { part: { $ref: `${name}.json` } } } }, name, { value: { type }, enumerable: true });
    expect(operationDigest(operation('Thing'), reaching('string'))).not.toBe(operationDigest(operation('Thing'), reaching('number')));
  }
});

test('an optional field left undefined is the same contract as one left out: a loader that writes either gives one fingerprint', () => {
  const response = { status: '204', description: 'no body', mediaTypes: [], examples: [] };
  const operation = (responses: OperationContract['responses']): OperationContract => ({ operationId: 'deleteThing', method: 'DELETE', pathTemplate: '/things', pathParameters: [], writes: true, label: 'DELETE /things', responses });
  expect(operationDigest(operation([{ ...response, schemaName: undefined } as unknown as OperationContract['responses'][number]]), {})).toBe(operationDigest(operation([response]), {}));
});
