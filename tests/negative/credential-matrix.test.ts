import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv from 'ajv';
import type { AuthVariant, Scenario } from '../../src/model';
import { registry } from '../support/shipped-contract';

const root = resolve(__dirname, '../..');
const readJson = (path: string): Record<string, any> => JSON.parse(readFileSync(resolve(root, path), 'utf8'));
const NEW_VARIANTS: AuthVariant[] = ['lowercase-bearer', 'extra-spaces', 'long-token', 'control-chars', 'key-then-word', 'wrong-checksum'];
const scenarioFile = readJson('operations/getWhatsAppSyncStatus/scenarios.json');
const getRows = registry.operations.find((o) => o.operationId === 'getWhatsAppSyncStatus')?.scenarios ?? [];
/** The credential matrix: the scenario rows that use the variants beyond the core cases. */
const CREDENTIAL_MATRIX = getRows.filter((row) => row.auth !== undefined && NEW_VARIANTS.includes(row.auth));

describe('CREDENTIAL_MATRIX', () => {
  const schema = readJson('schemas/scenarios.schema.json');

  it('is valid against the scenario schema', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate(scenarioFile) ? [] : validate.errors).toEqual([]);
  });

  it('covers each new credential variant once, with sender "any"', () => {
    expect(CREDENTIAL_MATRIX.map((row) => row.auth).sort()).toEqual([...NEW_VARIANTS].sort());
    expect(CREDENTIAL_MATRIX.every((row) => row.path?.['senderId'] === 'any' && row.family === 'authentication')).toBe(true);
  });

  it('has ids unique across the scenario file', () => {
    const ids = (scenarioFile['scenarios'] as { id: string }[]).map((row) => row.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('never expects or tolerates a 5xx, and lists each status once', () => {
    for (const { expect: outcome = {} } of CREDENTIAL_MATRIX) {
      const statuses = [outcome.status ?? 0, ...(outcome.alsoAccept ?? []), ...(outcome.warnOn ?? [])];
      expect(statuses.every((status) => status > 0 && status < 500)).toBe(true);
      expect(new Set(statuses).size).toBe(statuses.length);
    }
  });

  it('accepts the RFC-valid spellings of the key and rejects the rest', () => {
    const byVariant = Object.fromEntries(CREDENTIAL_MATRIX.map((row) => [row.auth, row.expect]));
    expect(byVariant['lowercase-bearer']).toMatchObject({ status: 200, alsoAccept: [400, 404], warnOn: [401] });
    expect(byVariant['extra-spaces']).toMatchObject({ status: 200, alsoAccept: [400, 404], warnOn: [401] });
    expect(byVariant['long-token']).toMatchObject({ status: 401, warnOn: [400, 431] });
    expect(byVariant['control-chars']).toMatchObject({ status: 401, alsoAccept: [400] });
    expect(byVariant['key-then-word']).toMatchObject({ status: 401, alsoAccept: [400] });
    expect(byVariant['wrong-checksum']).toEqual({ status: 401, because: expect.any(String) });
  });
});

describe('the valid key sent wrongly: on every operation, strictly 401', () => {
  const WRONG_FORMS: AuthVariant[] = ['token-scheme', 'apikey-scheme', 'bearer-no-space', 'case-changed', 'appended', 'prepended', 'other-environment', 'property-name', 'truncated'];

  /** A row's credential request: the row itself, or on a start the step between its two reads. */
  const credentialRequest = (row: Scenario): { auth?: AuthVariant; expect?: Scenario['expect'] } => row.steps?.find((step) => step.id === 'start') ?? row;

  it.each(registry.operations.map((o) => [o.operationId, o] as const))('%s has one row per form, each expecting exactly 401 (never 200, nothing else tolerated)', (_id, operation) => {
    const rows = operation.scenarios.filter((row) => WRONG_FORMS.includes(credentialRequest(row).auth as AuthVariant));
    expect(rows.map((row) => credentialRequest(row).auth).sort()).toEqual([...WRONG_FORMS].sort());
    for (const row of rows) {
      expect(row.family).toBe('authentication');
      expect(credentialRequest(row).expect).toEqual({ status: 401, because: expect.any(String) });
    }
  });

  it('on a start, each wrong credential is sent between two reads of the writable sender, the read after predicted unchanged from the one before', () => {
    for (const operation of registry.operations.filter((o) => o.operationId !== 'getWhatsAppSyncStatus')) {
      const part = operation.operationId === 'startWhatsAppHistorySync' ? 'history' : 'contacts';
      expect(operation.scenarios.filter((row) => row.family === 'authentication' && row.steps === undefined)).toEqual([]);
      // The no-credentials row is compared with a start to an unknown id without credentials (the
      // sequence unauthenticated-start-changes-nothing sends it between reads).
      // So are the rows that write the path otherwise (a query, an encoded letter, a dot segment, a trailing slash, a path parameter, a doubled slash, a trailing dot), on that path.
      const compared = ['no-credentials', 'no-credentials-with-query', 'no-credentials-encoded-path', 'no-credentials-dot-segment', 'no-credentials-trailing-slash', 'no-credentials-path-parameter', 'no-credentials-doubled-slash', 'no-credentials-trailing-dot', 'no-credentials-case-folded-path'];
      for (const id of compared) {
        const row = operation.scenarios.find((r) => r.id === id);
        expect(row?.steps?.map((step) => [step.id, step.auth, step.expect.predict?.model])).toEqual([['start-unknown', 'none', undefined], ['start', 'none', 'answers-as-unknown']]);
      }
      const sequences = operation.scenarios.filter((row) => row.family === 'authentication' && row.steps !== undefined && !compared.includes(row.id));
      expect(sequences).toHaveLength(18);
      for (const row of sequences) {
        // The wrong key is also sent to an unknown id first, and its start answered as that one was (its words included).
        // The start without credentials also reads every other coexistence sender around it (witnesses):
        // a 401 whose job, enqueued before authentication, starts other senders' syncs fails there;
        // and the concurrent starts' own sender, when set apart (read-concurrent-*).
        const own = row.steps?.filter((step) => step.id !== 'start-unknown' && !step.id.startsWith('read-other-') && !step.id.startsWith('read-concurrent-'));
        expect(own?.map((step) => [step.id, step.operation ?? operation.operationId])).toEqual([['read-before', 'getWhatsAppSyncStatus'], ['start', operation.operationId], ['read-after', 'getWhatsAppSyncStatus']]);
        expect(own?.[2]?.expect.predict).toEqual({ model: 'unchanged', part, from: 'read-before' });
        const witnesses = row.steps?.filter((step) => step.id.startsWith('read-other-') || step.id.startsWith('read-concurrent-')).map((step) => [step.id, step.operation, step.path?.['senderId'], step.auth, step.expect.predict]);
        expect(witnesses).toEqual(
          row.id === 'unauthenticated-start-changes-nothing'
            ? [
                ['read-other-before', 'getWhatsAppSyncStatus', 'coexistence', 'valid', undefined],
                ['read-concurrent-before', 'getWhatsAppSyncStatus', 'syncableConcurrent', 'valid', undefined],
                ['read-other-after', 'getWhatsAppSyncStatus', 'coexistence', 'valid', { model: 'witness-unchanged', part, from: 'read-other-before' }],
                ['read-concurrent-after', 'getWhatsAppSyncStatus', 'syncableConcurrent', 'valid', { model: 'witness-unchanged', part, from: 'read-concurrent-before' }],
              ]
            : [],
        );
        // The witnesses are read around the start: before it and after it.
        const ids = row.steps?.map((step) => step.id) ?? [];
        if (witnesses?.length) for (const witness of ['read-other', 'read-concurrent']) expect(ids.indexOf(`${witness}-before`) < ids.indexOf('start') && ids.indexOf('start') < ids.indexOf(`${witness}-after`)).toBe(true);
      }
      const wrongKey = sequences.find((row) => row.id === 'wrong-key')?.steps;
      expect(wrongKey?.map((step) => [step.id, step.auth, step.expect.predict])).toEqual([
        ['read-before', 'valid', undefined],
        ['start-unknown', 'wrong-key', undefined],
        ['start', 'wrong-key', { model: 'answers-as-unknown', from: 'start-unknown' }],
        ['read-after', 'valid', { model: 'unchanged', part, from: 'read-before' }],
      ]);
    }
  });

  it('a write operation sends them only to the writable sender, as its other credential rows (a start that is accepted changes only that one)', () => {
    for (const operation of registry.operations.filter((o) => o.operationId !== 'getWhatsAppSyncStatus')) {
      const rows = operation.scenarios.filter((row) => row.family === 'authentication');
      expect(rows.every((row) => row.path?.['senderId'] === 'syncable')).toBe(true);
    }
  });
});
