/** loadContract: an operationId the operations data names and the spec no longer has is refused in one line naming both. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SpecError } from '../../src/model/errors';
import { loadContract } from '../../src/registry/load-contract';
import { fullSpecPath, operationSpecPath } from '../schema/support/fixtures';
import { scratchDir } from '../support/scratch-dir';

// A published description renames an operation: the data's folder still names the old id. In a
// spec of 163 operations the new name is not among the first few listed, so it is named outright.
test('a renamed operationId is refused naming the id the data asks for and the one the spec has now', () => {
  const spec = join(scratchDir('zvc-renamed-'), 'renamed.json');
  writeFileSync(spec, readFileSync(fullSpecPath, 'utf8').replace('"operationId": "getWhatsAppSyncStatus"', '"operationId": "getWhatsappSyncState"'));
  let error: unknown;
  try {
    loadContract(spec, ['getWhatsAppSyncStatus']);
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(SpecError);
  expect((error as SpecError).message).toMatch(new RegExp(`^${spec.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: no operation with operationId "getWhatsAppSyncStatus" \\(did you mean getWhatsappSyncState\\? it has: .*, … \\(163 in all\\)\\)$`));
});

test('an id the spec has is loaded as before', () => {
  expect(loadContract(operationSpecPath, ['getWhatsAppSyncStatus']).operations.map((o) => o.operationId)).toEqual(['getWhatsAppSyncStatus']);
});

test('an id the data asks for that two operations share is said as such, not as the other one missing', () => {
  const spec = join(scratchDir('zvc-shared-'), 'shared.yaml');
  // The contacts start copied from the history start, its operationId left as it was.
  writeFileSync(spec, readFileSync(operationSpecPath, 'utf8').replace('operationId: startWhatsAppContactsSync', 'operationId: startWhatsAppHistorySync'));
  expect(() => loadContract(spec, ['getWhatsAppSyncStatus', 'startWhatsAppHistorySync', 'startWhatsAppContactsSync'])).toThrow(
    new SpecError(`${spec}: operationId "startWhatsAppHistorySync" is given to 2 operations (POST /v1/senders/{senderId}/whatsapp-sync/history, POST /v1/senders/{senderId}/whatsapp-sync/contacts): each must be unique, and the suite finds an operation by it`),
  );
});

test('a spec of a few operations lists them all, and one of none says so', () => {
  expect(() => loadContract(operationSpecPath, ['nope'])).toThrow(new SpecError(`${operationSpecPath}: no operation with operationId "nope" (it has: getWhatsAppSyncStatus, startWhatsAppHistorySync, startWhatsAppContactsSync)`));
  const empty = join(scratchDir('zvc-no-operations-'), 'empty.yaml');
  writeFileSync(empty, 'openapi: 3.0.3\ninfo: {title: T, version: "1"}\npaths: {}\ncomponents: {schemas: {}}\n');
  expect(() => loadContract(empty, ['getWhatsAppSyncStatus'])).toThrow(new SpecError(`${empty}: no operation with operationId "getWhatsAppSyncStatus" (it has: none)`));
});

test('a component a body schema reaches that components.schemas lacks (one left out of a copy) is refused at load naming the body, the component referring to it and the one missing, not a compile error after the target was reached', () => {
  const spec = join(scratchDir('zvc-dangling-'), 'dangling.yaml');
  // WhatsAppSyncHistory deleted: WhatsAppSyncStatus (under the read's 200 body) still refers to it.
  const text = readFileSync(operationSpecPath, 'utf8');
  const start = text.indexOf('\n    WhatsAppSyncHistory:\n');
  const end = text.indexOf('\n    WhatsAppSyncContacts:\n');
  expect(start > 0 && end > start).toBe(true);
  writeFileSync(spec, text.slice(0, start) + text.slice(end));
  expect(() => loadContract(spec, ['getWhatsAppSyncStatus'])).toThrow(
    new SpecError(`${spec}: getWhatsAppSyncStatus documents its 200 body as #/components/schemas/WhatsAppSyncStatusResponse, whose #/components/schemas/WhatsAppSyncStatus refers to #/components/schemas/WhatsAppSyncHistory, which components.schemas does not define: copy it into the spec too`),
  );
  // A component no body of the run reaches may refer to one missing: a description's other dangling refs are not this run's.
  const orphan = join(scratchDir('zvc-orphan-'), 'orphan.yaml');
  writeFileSync(orphan, text.replace('\n  securitySchemes:', '\n    Orphan:\n      $ref: "#/components/schemas/Nowhere"\n  securitySchemes:'));
  expect(loadContract(orphan, ['getWhatsAppSyncStatus']).operations.map((o) => o.operationId)).toEqual(['getWhatsAppSyncStatus']);
});

test('a component reached through a $ref into it (#/components/schemas/X/properties/y) that components.schemas lacks is refused at load as well', () => {
  // Such a $ref converts to "X.json#/properties/y": X must be defined all the same, or ajv fails to compile it after the target was reached.
  const spec = join(scratchDir('zvc-dangling-into-'), 'dangling-into.yaml');
  const text = readFileSync(operationSpecPath, 'utf8');
  const into = text.replace("          $ref: '#/components/schemas/WhatsAppSyncHistory'\n", "          $ref: '#/components/schemas/Gone/properties/history'\n");
  expect(into).not.toBe(text);
  writeFileSync(spec, into);
  expect(() => loadContract(spec, ['getWhatsAppSyncStatus'])).toThrow(
    new SpecError(`${spec}: getWhatsAppSyncStatus documents its 200 body as #/components/schemas/WhatsAppSyncStatusResponse, whose #/components/schemas/WhatsAppSyncStatus refers to #/components/schemas/Gone, which components.schemas does not define: copy it into the spec too`),
  );
});

// The suite sends no request body (a scenario has none to give), so a POST whose contract requires
// one would go out empty and a conformant server's rightful 400 be certified FAILED as its fault,
// the reports blaming the configured sender: the run is refused before any request instead.
test('an operation whose request body is required is refused at load, naming it and where the spec requires it: the suite sends none', () => {
  expect(() => loadContract(fullSpecPath, ['regenerateSenderWebhookSecret', 'createAgent'])).toThrow(
    new SpecError(`${fullSpecPath}: createAgent (POST /v1/senders/{senderId}/agent) requires a request body (#/paths/~1v1~1senders~1{senderId}~1agent/post/requestBody/required), and the suite sends none (a scenario carries no body): every case would send it empty, and judge a conformant server's refusal as its fault; the suite certifies operations whose request body is absent or optional`),
  );
  // A POST that takes no body, and one whose body is optional (sent without one, it is still a request the contract allows), load as before.
  expect(loadContract(fullSpecPath, ['regenerateSenderWebhookSecret', 'sendBroadcast']).operations.map((o) => o.operationId)).toEqual(['regenerateSenderWebhookSecret', 'sendBroadcast']);
  // A requestBody given as a $ref to components.requestBodies is followed.
  const spec = join(scratchDir('zvc-body-ref-'), 'body-ref.json');
  const document = JSON.parse(readFileSync(fullSpecPath, 'utf8')) as { paths: Record<string, Record<string, { requestBody?: unknown }>>; components: Record<string, unknown> };
  const agent = document.paths['/v1/senders/{senderId}/agent']?.['post'];
  if (agent === undefined) throw new Error('the full description lost createAgent');
  document.components['requestBodies'] = { AgentCreate: agent.requestBody };
  agent.requestBody = { $ref: '#/components/requestBodies/AgentCreate' };
  writeFileSync(spec, JSON.stringify(document));
  expect(() => loadContract(spec, ['createAgent'])).toThrow(/: createAgent \(POST \/v1\/senders\/\{senderId\}\/agent\) requires a request body \(#\/components\/requestBodies\/AgentCreate\/required\), and the suite sends none/);
});
