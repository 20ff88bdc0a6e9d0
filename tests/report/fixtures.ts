/** Report fixtures shared by the reporter tests: small, valid, and easy to break one field at a time. */
import type { CaseResult, ConformanceReport, RunInfo, Violation } from '../../src/model';
import { summarize } from '../../src/report/summarize';

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

export function result(overrides: Partial<CaseResult> = {}): CaseResult {
  return {
    id: 'coexistence[snd_coex_active]',
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
    exchangeId: 'coexistence[snd_coex_active]#1',
    ...overrides,
  };
}

export const failedResult = result({
  id: 'unauthenticated',
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
  id: 'no-waba',
  scenario: 'no-waba',
  family: 'no-waba',
  description: 'A sender without a WABA is rejected',
  status: 'skipped',
  durationMs: 0,
  skipReason: 'ZAVU_SENDER_NO_WABA is not set',
});

export const errorResult = result({
  id: 'not-found',
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

/** A report whose summary is computed from its results, as the runner does. */
export function report(results: CaseResult[], info: RunInfo = runInfo): ConformanceReport {
  return { runInfo: info, summary: summarize(results), results };
}

/** One of each status, plus a warning on the passed case. */
export function mixedReport(): ConformanceReport {
  return report([result({ violations: [warningViolation] }), failedResult, skippedResult, errorResult]);
}

/** A deep copy that tests may mutate freely. */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
