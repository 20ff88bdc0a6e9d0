import { dirname, join } from 'node:path';
/**
 * The registry checked against itself and the spec: every family, rule, role, step operation,
 * documented example and prediction model a row names must exist, every path parameter must be
 * bound, and a prediction may only read an earlier step. Each mistake is exit 2 naming the file
 * and the JSON pointer of the row, not a case that fails (or errors) at run time.
 */
import type { DocumentedResponse, OperationContract } from '../../src/model';
import { checkRegistry } from '../../src/registry/check-registry';
import { contract, operations, registry } from '../support/shipped-contract';
import { RegistryCopy, usageErrorOf, type Json } from './support/registry-copy';

const GET = 'getWhatsAppSyncStatus';
const HISTORY = 'startWhatsAppHistorySync';
const CONTACTS = 'startWhatsAppContactsSync';
const ROLES = 'coexistence, noWaba, notCoexistence, syncable, syncableConcurrent, concurrentStarts, notActive, otherProject, unknown, any';

/** A step of a sequence row, by id, with its index. */
function step(row: Json, id: string): [number, Json] {
  const index = (row['steps'] as Json[]).findIndex((s) => s['id'] === id);
  if (index === -1) throw new Error(`no step ${id}`);
  return [index, row['steps'][index] as Json];
}

/** Breaks one row of a copy and returns the message of the check's UsageError. */
/** The operations folder's own file beside a scenarios file's operation folder: the folder given, not "operations/". */
const beside = (scenariosFile: string, name: string): string => join(dirname(dirname(scenariosFile)), name);

function breakRow(operationId: string, scenarioId: string, change: (row: Json) => void): { message: string; file: string; at: string } {
  const copy = new RegistryCopy();
  const at = copy.editRow(operationId, scenarioId, change);
  // Loading alone accepts the copy: what is wrong is only visible against the other files or the spec.
  const loaded = copy.load();
  return { message: usageErrorOf(() => checkRegistry(loaded, operations, undefined, undefined, contract.schemas)), file: copy.scenariosFile(operationId), at };
}

test('the shipped data checks clean against the spec', () => {
  expect(() => checkRegistry(registry, operations, undefined, undefined, contract.schemas)).not.toThrow();
});

describe('path parameters and roles', () => {
  test('an unknown role: the pointer of the binding and the roles there are', () => {
    const { message, file, at } = breakRow(GET, 'no-waba', (row) => (row['path']['senderId'] = 'nobody'));
    expect(message).toBe(`${file}: ${at}/path/senderId names role "nobody", which no fixture file declares (${ROLES})`);
  });

  test('a role bound to a parameter its fixture file is not for', () => {
    const copy = new RegistryCopy();
    copy.write('fixtures/messages.json', JSON.stringify({ resource: 'message', parameter: 'messageId', roles: { delivered: { env: 'ZAVU_MESSAGE_DELIVERED', description: 'a delivered message' } } }));
    const at = copy.editRow(GET, 'no-waba', (row) => (row['path']['senderId'] = 'delivered'));
    expect(usageErrorOf(() => copy.loadAndCheck())).toBe(`${copy.scenariosFile(GET)}: ${at}/path/senderId role "delivered" binds {messageId} (${copy.path('fixtures/messages.json')}), not {senderId}`);
  });

  test('a POST row without "path": its path parameter is not bound', () => {
    const { message, file, at } = breakRow(HISTORY, 'not-coexistence', (row) => delete row['path']);
    expect(message).toBe(`${file}: ${at} path parameter {senderId} of ${HISTORY} is not bound (add "path": {"senderId": "<role>"} or "fuzz": "senderId")`);
  });

  test('a sequence without "path": the first step\'s operation is named', () => {
    const { message, file, at } = breakRow(CONTACTS, 'start-syncable', (row) => delete row['path']);
    expect(message).toBe(`${file}: ${at} path parameter {senderId} of ${GET} is not bound (add "path": {"senderId": "<role>"} or "fuzz": "senderId")`);
  });

  test('a fuzzed parameter the operation does not have', () => {
    const { message, file, at } = breakRow(GET, 'negative-inputs', (row) => {
      row['fuzz'] = 'messageId';
      row['path'] = { senderId: 'unknown' };
    });
    expect(message).toBe(`${file}: ${at}/fuzz ${GET} has no path parameter {messageId}`);
  });

  test('a fuzzed parameter name longer than a report keeps (64): refused when the data is read, not by the report gate as a bug of the suite after the run', () => {
    const copy = new RegistryCopy();
    copy.editRow(GET, 'negative-inputs', (row) => (row['fuzz'] = `p${'a'.repeat(64)}`));
    expect(usageErrorOf(() => copy.load())).toMatch(/fuzz must NOT have more than 64 characters/);
  });

  test('a fuzzed sequence: fuzzing is one request', () => {
    const { message, file, at } = breakRow(HISTORY, 'start-syncable', (row) => (row['fuzz'] = 'senderId'));
    expect(message).toBe(`${file}: ${at}/fuzz a fuzzed scenario is one request, not a sequence`);
  });
});

describe('names declared elsewhere', () => {
  test('an unknown family', () => {
    const { message, file, at } = breakRow(GET, 'coexistence', (row) => (row['family'] = 'mystery'));
    expect(message).toBe(`${file}: ${at}/family names family "mystery", which ${beside(file, 'families.json')} does not declare`);
  });

  test('an unknown rule, in a single-request row', () => {
    const { message, file, at } = breakRow(GET, 'coexistence', (row) => row['expect']['rules'].push('no-such-rule'));
    expect(message).toBe(`${file}: ${at}/expect/rules/6 names rule "no-such-rule", which ${beside(file, 'rules.json')} does not declare`);
  });

  test('an unknown rule, in a step of a sequence', () => {
    let index = -1;
    const { message, file, at } = breakRow(HISTORY, 'start-predicted', (row) => {
      const [i, found] = step(row, 'read-after');
      index = i;
      found['expect']['rules'] = ['no-such-rule'];
    });
    expect(message).toBe(`${file}: ${at}/steps/${index}/expect/rules/0 names rule "no-such-rule", which ${beside(file, 'rules.json')} does not declare`);
  });

  test('an example name the operation does not document, with the names it has', () => {
    const { message, file, at } = breakRow(GET, 'no-waba', (row) => (row['expect']['examples'] = ['no_waba', 'in_progress']));
    // in_progress is documented, but for the starts: examples are per operation.
    expect(message).toBe(`${file}: ${at}/expect/examples/1 names example "in_progress", which ${GET} does not document (it has: no_waba, not_coexistence)`);
  });

  test('a step naming an operation the spec does not have', () => {
    const { message, file, at } = breakRow(HISTORY, 'start-syncable', (row) => (row['steps'][0]['operation'] = 'getNothing'));
    expect(message).toBe(`${file}: ${at}/steps/0/operation names operation "getNothing", which the spec does not have`);
  });

  test('a duplicate step id', () => {
    const { message, file, at } = breakRow(HISTORY, 'start-syncable', (row) => (row['steps'][4]['id'] = 'start'));
    expect(message).toBe(`${file}: ${at}/steps/4/id duplicate step id "start"`);
  });

  test('a witness step (a path of its own) naming a role no fixture declares, or binding the wrong parameter', () => {
    const unknown = breakRow(HISTORY, 'start-syncable', (row) => (row['steps'][1]['path'] = { senderId: 'nobody' }));
    expect(unknown.message).toMatch(new RegExp(`^${unknown.file}: ${unknown.at}/steps/1/path/senderId names role "nobody", which no fixture file declares`));
  });

  test("a step predicted from a witness of a role with several fixtures, not itself such a witness: it could not know which of them", () => {
    // start-syncable's read-after (step 4) predicted from read-other-before (step 1), a read of every coexistence sender.
    const { message, file, at } = breakRow(HISTORY, 'start-syncable', (row) => (row['steps'][4]['expect']['predict'] = { model: 'witness-unchanged', part: 'history', from: 'read-other-before' }));
    expect(message).toBe(`${file}: ${at}/steps/4/expect/predict/from names read-other-before, a witness step sent to each fixture of its role: only a witness step with the same path may be predicted from it`);
  });

  test('a path written otherwise must be the operation\'s, the same URI (unreserved characters percent-encoded), and on a single request', () => {
    const other = breakRow(GET, 'no-credentials-encoded-path', (row) => (row['steps'][1]['pathTemplate'] = '/v1/%2Fsenders/{senderId}/whatsapp-sync'));
    expect(other.message).toBe(`${other.file}: ${other.at}/steps/1/pathTemplate must be /v1/senders/{senderId}/whatsapp-sync written otherwise (unreserved characters percent-encoded, RFC 3986 §6.2.2.2; "." segments, §6.2.2.3; a trailing slash or "."; a doubled slash inside it; a path parameter ";name" on the last segment; or its fixed segments in other capitals), the same URI with the same parameters`);
    // A path parameter elsewhere than on the last segment, or one that is not a name: another resource.
    for (const written of ['/v1/senders;x/{senderId}/whatsapp-sync', '/v1/senders/{senderId}/whatsapp-sync;', '/v1/senders/{senderId}/whatsapp-sync;a/b', '/v1/senders/{senderId}/whatsapp-syncx']) {
      expect(breakRow(GET, 'no-credentials-encoded-path', (row) => (row['steps'][1]['pathTemplate'] = written)).message).toContain('/steps/1/pathTemplate must be');
    }
    // Other capitals in the fixed segments, as case-insensitive routers match them: accepted; a parameter's name in other capitals is not.
    const capitals = new RegistryCopy();
    capitals.editRow(GET, 'no-credentials-encoded-path', (row) => (row['steps'][1]['pathTemplate'] = '/V1/SENDERS/{senderId}/WhatsApp-Sync'));
    expect(() => checkRegistry(capitals.load(), operations)).not.toThrow();
    // A doubled slash between fixed segments, as routers that drop empty segments match it: accepted; an empty id is no such spelling.
    const doubled = new RegistryCopy();
    doubled.editRow(GET, 'no-credentials-encoded-path', (row) => (row['steps'][1]['pathTemplate'] = '/v1//senders/{senderId}/whatsapp-sync'));
    expect(() => checkRegistry(doubled.load(), operations)).not.toThrow();
    // A "." after the last segment, as IIS and Spring's suffix pattern match serve it: accepted; inside the path, or two, another resource.
    const dotted = new RegistryCopy();
    dotted.editRow(GET, 'no-credentials-encoded-path', (row) => (row['steps'][1]['pathTemplate'] = '/v1/senders/{senderId}/whatsapp-sync.'));
    expect(() => checkRegistry(dotted.load(), operations)).not.toThrow();
    for (const written of ['/v1/senders./{senderId}/whatsapp-sync', '/v1/senders/{senderId}/whatsapp-sync..', '/v1/senders/{senderId}/whatsapp-sync./']) {
      expect(breakRow(GET, 'no-credentials-encoded-path', (row) => (row['steps'][1]['pathTemplate'] = written)).message).toContain('/steps/1/pathTemplate must be');
    }
    for (const written of ['/v1/senders//whatsapp-sync', '/v1/senders/{senderId}//whatsapp-sync/x', '//v1/senders/{senderId}/whatsapp-sync//']) {
      expect(breakRow(GET, 'no-credentials-encoded-path', (row) => (row['steps'][1]['pathTemplate'] = written)).message).toContain('/steps/1/pathTemplate must be');
    }
    expect(breakRow(GET, 'no-credentials-encoded-path', (row) => (row['steps'][1]['pathTemplate'] = '/v1/senders/{SenderId}/whatsapp-sync')).message).toContain('the same URI with the same parameters');
    const same = breakRow(GET, 'no-credentials-encoded-path', (row) => (row['steps'][0]['pathTemplate'] = '/v1/senders/{senderId}/whatsapp-sync'));
    expect(same.message).toContain('/steps/0/pathTemplate must be /v1/senders/{senderId}/whatsapp-sync written otherwise');
    // A parameter's name written otherwise decodes to the same text, but names no value to fill.
    const parameter = breakRow(GET, 'no-credentials-encoded-path', (row) => (row['steps'][0]['pathTemplate'] = '/v1/senders/{%73enderId}/whatsapp-sync'));
    expect(parameter.message).toContain('the same URI with the same parameters');
  });

  test("HEAD on a write operation's step is accepted, as GET is: a method its path does not document (head-changes-nothing sends it)", () => {
    const head = new RegistryCopy();
    head.editRow(HISTORY, 'start-syncable', (row) => (row['steps'][3]['method'] = 'HEAD'));
    expect(() => checkRegistry(head.load(), operations)).not.toThrow();
    // The shipped rows: each start's path asked with HEAD and the key, between two reads.
    const shipped = new RegistryCopy().loadAndCheck();
    for (const operationId of [HISTORY, 'startWhatsAppContactsSync']) {
      const row = shipped.operations.find((o) => o.operationId === operationId)?.scenarios.find((s) => s.id === 'head-changes-nothing');
      expect(row?.steps?.map((s) => [s.id, s.method ?? s.operation ?? operationId])).toEqual([['read-before', 'getWhatsAppSyncStatus'], ['head', 'HEAD'], ['read-after', 'getWhatsAppSyncStatus']]);
    }
  });

  test("GET on a read operation's step is its own method, refused as a step's method", () => {
    const { message, file, at } = breakRow(GET, 'no-credentials', (row) => (row['steps'][1]['method'] = 'GET'));
    expect(message).toBe(`${file}: ${at}/steps/1/method GET is getWhatsAppSyncStatus's own method: leave method out`);
  });

  test('a write step with a path of its own: the write-safety rules judge only the scenario\'s own fixture', () => {
    const { message, file, at } = breakRow(HISTORY, 'start-syncable', (row) => (row['steps'][3]['path'] = { senderId: 'coexistence' }));
    expect(message).toBe(`${file}: ${at}/steps/3/path a step with a path of its own only reads, or writes to an id that names no sender, and startWhatsAppHistorySync writes to coexistence: a write goes to the scenario's own fixture`);
  });

  test("the other project's own key on a start to that project's sender: refused, it would start that project's sync, which no consent covers", () => {
    const { message, file, at } = breakRow(HISTORY, 'other-project-sender', (row) => (step(row, 'start')[1]['auth'] = 'other-project-key'));
    expect(message).toBe(`${file}: ${at}/steps/2/auth other-project-key writes only to the run's own writable sender or to an id that names no sender (a write with it elsewhere is that project's own start, which no consent of the run covers), and this is a POST to otherProject`);
  });

  test("the other project's own key with HEAD or GET on a start's path to that project's sender: refused as the POST is (a route answering every method with the start's handler starts that project's sync)", () => {
    for (const method of ['HEAD', 'GET']) {
      const { message, file, at } = breakRow(HISTORY, 'other-project-sender', (row) => Object.assign(step(row, 'start')[1], { auth: 'other-project-key', method }));
      expect(message).toBe(`${file}: ${at}/steps/2/auth other-project-key writes only to the run's own writable sender or to an id that names no sender (a write with it elsewhere is that project's own start, which no consent of the run covers), and this is a ${method} to otherProject`);
    }
  });

  test("the other project's own key on a start to a sender writable by consent only (no WABA): refused as well, the consent is the key's project's, not that key's", () => {
    const { message, file, at } = breakRow(HISTORY, 'no-waba-no-credentials', (row) => (step(row, 'start')[1]['auth'] = 'other-project-key'));
    expect(message).toBe(`${file}: ${at}/steps/1/auth other-project-key writes only to the run's own writable sender or to an id that names no sender (a write with it elsewhere is that project's own start, which no consent of the run covers), and this is a POST to noWaba`);
  });

  test("the other project's own key on a start to the run's writable sender, and to an id that names no sender: accepted (own-sender-other-project-key sends both)", () => {
    const copy = new RegistryCopy();
    copy.editRow(HISTORY, 'wrong-key', (row) => {
      step(row, 'start-unknown')[1]['auth'] = 'other-project-key';
      step(row, 'start')[1]['auth'] = 'other-project-key';
    });
    expect(() => checkRegistry(copy.load(), operations)).not.toThrow();
  });

  test("the other project's own key on a row of one request: refused, it would go out with an empty token where the key is not set", () => {
    const { message, file, at } = breakRow(GET, 'no-waba', (row) => (row['auth'] = 'other-project-key'));
    expect(message).toBe(`${file}: ${at}/auth other-project-key goes only in a step of a sequence (the planner leaves such a step out where ZAVU_OTHER_PROJECT_API_KEY is not set), and this is a row of one request`);
  });
});

describe('assertion pointers the body of their status does not document', () => {
  // A misspelt pointer would fail every conformant answer, blaming the target for the data's typo.
  const rule = (id: string, assert: Json[], whenStatus?: number): Json => ({ id, description: 'a rule of this test', ...(whenStatus === undefined ? {} : { whenStatus }), assert, because: 'this test says so' });

  test('a step whose status a model binds (answers-as-unknown) is not checked against its stated status: only the run knows the body its pointer names', () => {
    const copy = new RegistryCopy();
    copy.editRow(HISTORY, 'no-credentials', (row) => (step(row, 'start')[1]['expect']['assert'] = [{ pointer: '/mesage', equals: 'x' }]));
    expect(() => checkRegistry(copy.load(), operations, undefined, undefined, contract.schemas)).not.toThrow();
  });

  test("a row's own assertion naming a property its status's body does not declare: the pointer of the assertion, the status and the schema", () => {
    const { message, file, at } = breakRow(GET, 'no-waba', (row) => (row['expect']['assert'] = [{ pointer: '/mesage', equals: 'x' }]));
    expect(message).toBe(`${file}: ${at}/expect/assert/0/pointer /mesage names nothing the 400 body of ${GET} documents (Error): a conformant answer would fail it`);
  });

  test("a named rule's pointer (or its when pointer), in a step: the row's rule entry, and where in rules.json", () => {
    // A value that is never there fails the assertion only at its own pointer; its condition's, or the
    // instant an ifPresent one or a notBefore compares with, never being there leaves it never judged.
    const fails = 'a conformant answer would fail it';
    const never = 'the assertion would never be judged';
    for (const [assert, place, pointer, words] of [
      [{ pointer: '/sync/isCoexistance', equals: true }, 'pointer', '/sync/isCoexistance', fails],
      [{ pointer: '/sync/isCoexistence', equals: true, when: { pointer: '/sync/statuss', oneOf: ['active'] } }, 'when/pointer', '/sync/statuss', never],
      [{ pointer: '/sync/history/requestedAtt', type: 'string', ifPresent: true }, 'pointer', '/sync/history/requestedAtt', never],
      [{ pointer: '/sync/history/completedAt', notBefore: '/sync/history/requestedAtt' }, 'notBefore', '/sync/history/requestedAtt', never],
      [{ pointer: '/sync/history/requestedAt', notAfter: '/sync/history/completedAtt' }, 'notAfter', '/sync/history/completedAtt', never],
    ] as const) {
      const copy = new RegistryCopy();
      copy.edit('operations/rules.json', (data) => data['rules'].push(rule('typo-rule', [assert])));
      const rules = copy.read('operations/rules.json')['rules'] as Json[];
      let index = -1;
      const at = copy.editRow(HISTORY, 'start-predicted', (row) => {
        const [i, found] = step(row, 'read-after');
        index = i;
        found['expect']['rules'] = ['typo-rule'];
      });
      expect(usageErrorOf(() => copy.loadAndCheck())).toBe(`${copy.scenariosFile(HISTORY)}: ${at}/steps/${index}/expect/rules/0 names rule "typo-rule", whose ${pointer} (${copy.path('operations/rules.json')}: /rules/${rules.length - 1}/assert/0/${place}) names nothing the 200 body of ${GET} documents (WhatsAppSyncStatusResponse): ${words}`);
    }
  });

  test("a rule's whenStatus picks the body it is judged on; an absence (present: false) of an undeclared name, a leak the row rules out, is accepted", () => {
    const copy = new RegistryCopy();
    copy.edit('operations/rules.json', (data) => data['rules'].push(rule('on-refusal', [{ pointer: '/sync', present: true }], 400), rule('no-leak', [{ pointer: '/apiKey', present: false }])));
    const at = copy.editRow(GET, 'coexistence', (row) => (row['expect']['rules'] = ['no-leak', 'on-refusal']));
    expect(usageErrorOf(() => copy.loadAndCheck())).toBe(`${copy.scenariosFile(GET)}: ${at}/expect/rules/1 names rule "on-refusal", whose /sync (${copy.path('operations/rules.json')}: /rules/${(copy.read('operations/rules.json')['rules'] as Json[]).length - 2}/assert/0/pointer) names nothing the 400 body of ${GET} documents (Error): a conformant answer would fail it`);
  });
});

describe('assertion pointers on a method the path does not document', () => {
  // A GET on a start is judged by HTTP's rules: its 405 is a router's, whose body the operation's
  // `default` (or 4XX) schema does not govern (a FastAPI 405 reads {"detail": "Method Not Allowed"}).
  test("a GET step on a start asserting its router's 405 body is not held to the start's default response", () => {
    const start = operations.get(HISTORY) as OperationContract;
    const withDefault = new Map([...operations, [HISTORY, { ...start, responses: [...start.responses, { ...(start.responses.find((r) => r.schemaName === 'Error') as DocumentedResponse), status: 'default' }] }]]);
    const copy = new RegistryCopy();
    copy.editRow(HISTORY, 'get-changes-nothing', (row) => (step(row, 'get')[1]['expect']['assert'] = [{ pointer: '/detail', type: 'string' }]));
    const loaded = copy.load();
    expect(() => checkRegistry(loaded, withDefault, undefined, undefined, contract.schemas)).not.toThrow();
  });
});

describe('statuses the spec does not document', () => {
  // A row expecting one (a copied row, a typo) was sent and failed the target for answering as documented.
  test('a row expecting a status its operation does not document: the pointer of the status and the statuses it has', () => {
    const { message, file, at } = breakRow(GET, 'no-waba', (row) => (row['expect']['status'] = 409));
    expect(message).toBe(`${file}: ${at}/expect/status expects 409, which ${GET} does not document (it has: 200, 400, 401, 404)`);
  });

  test('an alsoAccept entry likewise', () => {
    const { message, file, at } = breakRow(GET, 'no-waba', (row) => (row['expect']['alsoAccept'] = [404, 422]));
    expect(message).toBe(`${file}: ${at}/expect/alsoAccept/1 expects 422, which ${GET} does not document (it has: 200, 400, 401, 404)`);
  });

  test("HEAD of a GET is that read: held to the GET's statuses", () => {
    const copy = new RegistryCopy();
    let index = -1;
    const at = copy.editRow(GET, 'own-sender-other-project-key', (row) => {
      const [at, head] = step(row, 'head-as-other-project');
      index = at;
      head['expect']['status'] = 409;
    });
    expect(usageErrorOf(() => checkRegistry(copy.load(), operations))).toBe(`${copy.scenariosFile(GET)}: ${at}/steps/${index}/expect/status expects 409, which ${GET} does not document (it has: 200, 400, 401, 404)`);
  });

  test('a range ("4XX", any case) or "default" documents the statuses it covers, as the response checks find them; a range documents no other class', () => {
    const copy = new RegistryCopy();
    copy.editRow(GET, 'no-waba', (row) => (row['expect']['status'] = 409));
    const loaded = copy.load();
    const withResponses = (...statuses: string[]) => new Map([...operations].map(([id, o]) => [id, id === GET ? { ...o, responses: [...o.responses, ...statuses.map((status) => ({ ...o.responses[0]!, status }))] } : o] as const));
    expect(() => checkRegistry(loaded, withResponses('4XX'))).not.toThrow();
    expect(() => checkRegistry(loaded, withResponses(' 4xx'))).not.toThrow();
    expect(() => checkRegistry(loaded, withResponses('default'))).not.toThrow();
    expect(usageErrorOf(() => checkRegistry(loaded, withResponses('5XX')))).toMatch(/expects 409, which getWhatsAppSyncStatus does not document \(it has: 200, 400, 401, 404, 5XX\)$/);
  });

  test('a mistyped status (2020) is refused at load, so no "default" response can document it', () => {
    const copy = new RegistryCopy();
    const at = copy.editRow(GET, 'no-waba', (row) => (row['expect']['status'] = 2020));
    expect(usageErrorOf(() => copy.load())).toBe(`${copy.scenariosFile(GET)}: ${at}/expect/status must be <= 599`);
  });

  test('a step sent with a method its path does not document (a GET on a start) is not held to the documented statuses', () => {
    const copy = new RegistryCopy();
    copy.editRow(HISTORY, 'get-changes-nothing', (row) => (step(row, 'get')[1]['expect']['status'] = 418));
    expect(() => checkRegistry(copy.load(), operations)).not.toThrow();
  });
});

describe('predictions', () => {
  /** Changes the predict of step `stepId` of the history start-syncable row; returns the step's pointer. */
  function breakPredict(stepId: string, change: (predict: Json) => void): { message: string; stepAt: string; file: string } {
    let index = -1;
    const { message, file, at } = breakRow(HISTORY, 'start-syncable', (row) => {
      const [i, found] = step(row, stepId);
      index = i;
      change(found['expect']['predict'] as Json);
    });
    return { message, file, stepAt: `${at}/steps/${index}` };
  }

  test('an unknown model, with the models the suite has', () => {
    const { message, file, stepAt } = breakPredict('start', (p) => (p['model'] = 'oracle'));
    expect(message).toBe(`${file}: ${stepAt}/expect/predict/model names model "oracle", which the suite does not have (it has: start-sync, agrees-with-start, unchanged, witness-unchanged, reads-change-nothing, answers-as-unknown)`);
  });

  test('a model named constructor, as every object has a member of that name: unknown too, said as any other', () => {
    // Looked up as predictionModels[name], "constructor" (the schema's pattern lets it by) found Object's own function: a TypeError, not this line.
    const { message, file, stepAt } = breakPredict('start', (p) => (p['model'] = 'constructor'));
    expect(message).toBe(`${file}: ${stepAt}/expect/predict/model names model "constructor", which the suite does not have (it has: start-sync, agrees-with-start, unchanged, witness-unchanged, reads-change-nothing, answers-as-unknown)`);
  });

  test('from a later step: only earlier observations exist when a step is judged', () => {
    const { message, file, stepAt } = breakPredict('start', (p) => (p['from'] = 'read-after'));
    expect(message).toBe(`${file}: ${stepAt}/expect/predict/from must name an earlier step of the sequence (read-before, read-other-before, read-concurrent-before)`);
  });

  test('from the step itself', () => {
    const { message, file, stepAt } = breakPredict('start-again', (p) => (p['from'] = 'start-again'));
    expect(message).toBe(`${file}: ${stepAt}/expect/predict/from must name an earlier step of the sequence (read-before, read-other-before, read-concurrent-before, start, read-after, read-other-after, read-concurrent-after)`);
  });

  test('from a step the sequence does not have, or from nothing', () => {
    expect(breakPredict('start', (p) => (p['from'] = 'read-yesterday')).message).toMatch(/\/steps\/3\/expect\/predict\/from must name an earlier step of the sequence \(read-before, read-other-before, read-concurrent-before\)$/);
    expect(breakPredict('start', (p) => delete p['from']).message).toMatch(/\/steps\/3\/expect\/predict\/from must name an earlier step of the sequence \(read-before, read-other-before, read-concurrent-before\)$/);
  });

  test('in a single-request row: there is no earlier step', () => {
    const { message, file, at } = breakRow(HISTORY, 'unknown-sender-wrong-key', (row) => (row['expect']['predict'] = { model: 'start-sync', part: 'history', from: 'read-before' }));
    expect(message).toBe(`${file}: ${at}/expect/predict/from must name an earlier step of the sequence (there is none)`);
  });

  test('a part the model does not know', () => {
    const { message, file, stepAt } = breakPredict('start', (p) => (p['part'] = 'messages'));
    expect(message).toBe(`${file}: ${stepAt}/expect/predict/part must be one of history, contacts`);
  });
});

describe('a status by role (the credential rows bound through "any")', () => {
  const CREDENTIAL_ROW = 'lowercase-bearer-scheme';

  test('a role "any" cannot be bound to: its pointer and the roles it can', () => {
    const { message, file, at } = breakRow(GET, CREDENTIAL_ROW, (row) => (row['expect']['statusByRole']['otherProject'] = 404));
    expect(message).toBe(`${file}: ${at}/expect/statusByRole/otherProject role "otherProject" is not one {senderId}'s role any may be bound to (coexistence, noWaba, notCoexistence, unknown)`);
  });

  test('a role "any" can be bound to left out: a run bound to it would have no status to expect', () => {
    const { message, file, at } = breakRow(GET, CREDENTIAL_ROW, (row) => delete row['expect']['statusByRole']['unknown']);
    expect(message).toBe(`${file}: ${at}/expect/statusByRole names no status for unknown: every role {senderId}'s role any may be bound to needs one (coexistence, noWaba, notCoexistence, unknown)`);
  });

  test('a status the row does not accept as written: a run that does not know the role would fail what the role\'s own status passes', () => {
    const { message, file, at } = breakRow(GET, CREDENTIAL_ROW, (row) => (row['expect']['statusByRole']['unknown'] = 403));
    expect(message).toBe(`${file}: ${at}/expect/statusByRole/unknown 403 is not among status and alsoAccept (200, 400, 404), which a run that does not know the role judges by`);
  });

  test('on a row whose role is its own (no choice of sender to bind)', () => {
    const { message, file, at } = breakRow(GET, 'no-waba', (row) => (row['expect']['statusByRole'] = { noWaba: 400 }));
    expect(message).toBe(`${file}: ${at}/expect/statusByRole only a step on the scenario's own path, with one path role that takes the first configured of several (any) and no predict, may state a status by role`);
  });

  const ONLY_OWN_PATH = "only a step on the scenario's own path, with one path role that takes the first configured of several (any) and no predict, may state a status by role";
  const allRoles = (status: number): Json => ({ coexistence: status, noWaba: status, notCoexistence: status, unknown: status });

  test.each([
    ['read-unknown', "on a step with a path of its own: withBinding narrows only steps on the scenario's path, so a run would judge it as written"],
    ['read', 'beside a predict: the step is judged by the prediction, not by a status of its own'],
  ])('statusByRole on step %s: %s', (stepId, _why) => {
    let index = -1;
    const { message, file, at } = breakRow(GET, 'no-credentials', (row) => {
      const [i, found] = step(row, stepId);
      index = i;
      found['expect']['statusByRole'] = allRoles(401);
    });
    expect(message).toBe(`${file}: ${at}/steps/${index}/expect/statusByRole ${ONLY_OWN_PATH}`);
  });

  test('on a path with two roles that each take one of several: a recorded binding would not say which role the status is of', () => {
    const copy = new RegistryCopy();
    copy.write('fixtures/messages.json', JSON.stringify({ resource: 'message', parameter: 'messageId', roles: { delivered: { env: 'ZAVU_MESSAGE_DELIVERED', description: 'a delivered message' }, anyMessage: { firstOf: ['delivered'], description: 'some message' } } }));
    const at = copy.editRow(GET, CREDENTIAL_ROW, (row) => (row['path']['messageId'] = 'anyMessage'));
    expect(usageErrorOf(() => copy.loadAndCheck())).toBe(`${copy.scenariosFile(GET)}: ${at}/expect/statusByRole ${ONLY_OWN_PATH}`);
  });
});
