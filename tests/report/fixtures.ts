/** Report fixtures shared by the reporter tests: small, valid, and easy to break one field at a time. */
import type { CaseResult, ConformanceReport, FamilyInfo, RunInfo, StepResult, Violation } from '../../src/model';
import { summarize } from '../../src/report/summarize';
import { warningDigestOf } from '../../src/report/warning-digest';
import { failureDigestFor } from '../../src/report/failure-digest';

/** As operations/families.json declares them: negative-inputs is the one optional family. */
export const FAMILIES: FamilyInfo[] = [
  { id: 'coexistence', title: 'coexistence senders get their sync status', core: true },
  { id: 'start-sync', title: 'starts answered as the state read before them predicts', core: true },
  { id: 'no-waba', title: 'senders without a WhatsApp Business Account are refused with 400', core: true },
  { id: 'not-coexistence', title: 'senders outside coexistence mode are refused with 400', core: true },
  { id: 'authentication', title: 'missing and wrong credentials get 401', core: true },
  { id: 'not-found', title: 'unknown senders get 404, and only after authentication', core: true },
  { id: 'negative-inputs', title: 'hostile path parameters get a documented 4xx', core: false },
];

export const runInfo: RunInfo = {
  target: 'https://api.zavu.example',
  mode: 'live',
  suiteVersion: '0.1.0',
  specTitle: 'Zavu API',
  specVersion: '0.2.0',
  specSha256: 'a'.repeat(64),
  startedAt: '2025-01-02T03:04:05.000Z',
  finishedAt: '2025-01-02T03:04:07.500Z',
  node: 'v20.20.2',
  operations: [
    { operationId: 'getWhatsAppSyncStatus', operation: 'GET /v1/senders/{senderId}/whatsapp-sync' },
    { operationId: 'startWhatsAppHistorySync', operation: 'POST /v1/senders/{senderId}/whatsapp-sync/history' },
  ],
  families: FAMILIES,
};

export const curl = "curl -sS 'https://api.zavu.example/v1/senders/snd_coex_active/whatsapp-sync' \\\n  -H \"Authorization: Bearer $ZAVU_API_KEY\"";

export function violation(overrides: Partial<Violation> = {}): Violation {
  return {
    check: 'response-schema',
    severity: 'error',
    title: 'Response body does not match the WhatsAppSyncStatus schema',
    message: 'Received: "syncing" / Expected: one of "pending", "completed"',
    instancePath: '/data/status',
    schemaPath: 'WhatsAppSyncStatus.json#/properties/status/enum',
    ...overrides,
  };
}

/** A case id of the read operation: "getWhatsAppSyncStatus/<caseId>". */
export function readId(caseId: string): string {
  return `getWhatsAppSyncStatus/${caseId}`;
}

export function result(overrides: Partial<CaseResult> = {}): CaseResult {
  return {
    id: readId('coexistence[snd_coex_active]'),
    operationId: 'getWhatsAppSyncStatus',
    operation: 'GET /v1/senders/{senderId}/whatsapp-sync',
    scenario: 'coexistence',
    family: 'coexistence',
    description: 'A coexistence sender returns its sync status',
    status: 'passed',
    durationMs: 42,
    violations: [],
    expectedStatus: 200,
    receivedStatus: 200,
    curl,
    exchangeId: 'getWhatsAppSyncStatus/coexistence[snd_coex_active]#1',
    ...overrides,
  };
}

export const failedResult = result({
  id: readId('unauthenticated'),
  scenario: 'unauthenticated',
  family: 'authentication',
  description: 'No Authorization header must be 401 with an Error body',
  status: 'failed',
  expectedStatus: 401,
  receivedStatus: 200,
  violations: [
    violation({
      check: 'status-code-expected',
      title: 'Unexpected status code',
      message: 'Received: 200 / Expected: 401 (no credentials)',
      instancePath: '',
    }),
  ],
});

export const skippedResult = result({
  id: readId('no-waba'),
  scenario: 'no-waba',
  family: 'no-waba',
  description: 'A sender without a WABA is rejected',
  status: 'skipped',
  durationMs: 0,
  skipReason: 'ZAVU_SENDER_NO_WABA is not set',
});

export const errorResult = result({
  id: readId('not-found'),
  family: 'not-found',
  status: 'error',
  errorMessage: 'check response-schema crashed: boom',
});

export const warningViolation = violation({
  check: 'undocumented-properties',
  severity: 'warning',
  title: 'Body has a property the schema does not declare',
  message: 'Received: property "extra" / Expected: only documented properties',
  instancePath: '/data/extra',
});

/**
 * What ajv reports for a body `{"sync":{}}`: one `required` breach per missing property, all at
 * the same instancePath and schemaPath, told apart only by their messages.
 */
export const missingSyncProperties: Violation[] = ['isCoexistence', 'status', 'history', 'contacts'].map((name) =>
  violation({
    title: 'The 200 body does not match the WhatsAppSync schema',
    message: `Received: {} / Expected: must have required property '${name}'`,
    instancePath: '/sync',
    schemaPath: '#/properties/sync/required',
  }),
);

const historyStart = 'POST /v1/senders/{senderId}/whatsapp-sync/history';
const readLabel = 'GET /v1/senders/{senderId}/whatsapp-sync';

function step(id: string, overrides: Partial<StepResult> = {}): StepResult {
  return { id, operationId: 'getWhatsAppSyncStatus', operation: readLabel, status: 'passed', expectedStatus: 200, receivedStatus: 200, durationMs: 10, ...overrides };
}

/**
 * A sequence of the start operation that failed at its second step: read the state, start the
 * history sync (refused with 400 where the read predicted 202), read again (never reached).
 */
export const sequenceResult: CaseResult = {
  id: 'startWhatsAppHistorySync/start-history[snd_coex_active]',
  operationId: 'startWhatsAppHistorySync',
  operation: historyStart,
  scenario: 'start-history',
  family: 'start-sync',
  description: 'A history sync starts on an active coexistence sender',
  status: 'failed',
  durationMs: 31,
  expectedStatus: 202,
  receivedStatus: 400,
  failedStep: 'start',
  steps: [
    step('read-before'),
    step('start', { operationId: 'startWhatsAppHistorySync', operation: historyStart, status: 'failed', expectedStatus: 202, receivedStatus: 400, curl: 'curl -X POST start' }),
    { id: 'read-after', operationId: 'getWhatsAppSyncStatus', operation: readLabel, status: 'skipped', expectedStatus: 200, durationMs: 0 },
  ],
  violations: [
    { check: 'status-code-expected', severity: 'error', title: 'Expected status 202, received 400', message: 'Received: 400 / Expected: 202 because the history was not started', instancePath: '', step: 'start' },
  ],
  curl: 'curl -X POST start',
};

/**
 * A sequence that stopped before sending a step: the unknown id's read got no JSON, so the read of
 * the sender, predicted from it, was never sent.
 */
export const unsentStepResult: CaseResult = {
  ...sequenceResult,
  id: 'getWhatsAppSyncStatus/no-credentials',
  operationId: 'getWhatsAppSyncStatus',
  operation: readLabel,
  scenario: 'no-credentials',
  family: 'authentication',
  status: 'error',
  failedStep: 'read',
  errorMessage: "step read: cannot predict the expected answer: the unknown id's request it is predicted from got no answer",
  steps: [step('read-unknown', { expectedStatus: 401, receivedStatus: 200, status: 'passed' }), { id: 'read', operationId: 'getWhatsAppSyncStatus', operation: readLabel, status: 'error', durationMs: 0, notSent: true }],
  violations: [],
};

/** A report whose summary and digests are computed from its results, as the runner does. */
export function report(results: CaseResult[], info: RunInfo = runInfo): ConformanceReport {
  const warningDigest = warningDigestOf(results);
  const failureDigest = failureDigestFor({ runInfo: info, results });
  return { runInfo: info, summary: summarize(results), results, ...(warningDigest === undefined ? {} : { warningDigest }), ...(failureDigest === undefined ? {} : { failureDigest }) };
}

/** One of each status, plus a warning on the passed case. */
export function mixedReport(): ConformanceReport {
  return report([result({ violations: [warningViolation] }), failedResult, skippedResult, errorResult]);
}

/** A deep copy that tests may mutate freely. */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
