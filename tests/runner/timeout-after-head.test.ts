/**
 * A timeout after the answer's head came (a body that stalled or dripped): the case's one line says
 * what came, "timeout after the head (status 200)", not "no response", live and in a replay of its
 * recording alike (the status is in the recording, not read back from the message's words).
 */
import type { Exchange, HttpRequest, TransportError } from '../../src/model';
import { planCase } from '../../src/registry/plan-cases';
import { executeCase } from '../../src/runner/execute-case';
import { fromHarEntry, toHarEntry } from '../../src/recording/har-entry';
import { createScrubber } from '../../src/recording/scrub';
import { caseStatusNote } from '../../src/report/status-text';
import { describeFailure } from '../../src/runner/describe-failure';
import { renderConsole } from '../../src/report/render-console';
import { renderHtml } from '../../src/report/render-html';
import { renderJson } from '../../src/report/render-json';
import { reportSchemaError } from '../../src/report/report-schema';
import { report } from '../report/fixtures';
import { operations, row, shippedCaseDeps } from '../support/shipped-contract';

const OPERATION = 'getWhatsAppSyncStatus';
const stalled: TransportError = { kind: 'timeout', message: 'status 200 and 81 bytes of the answer came, not the rest, within 300 ms', headCame: true, headStatus: 200 };

/** The shipped single read, sent to a transport whose every request ends as `exchangeOf` says. */
async function judged(exchangeOf: (request: HttpRequest, id: string) => Exchange) {
  const planned = planCase(`${OPERATION}/coexistence`, OPERATION, row(OPERATION, 'coexistence'), { senderId: 'snd_a' }, operations);
  return executeCase(planned, shippedCaseDeps({ send: async (request, id) => exchangeOf(request, id) }));
}

test("a case whose answer's head came but not its body reads 'timeout after the head (status 200)' in every report, live and replayed", async () => {
  let recorded: Exchange | undefined;
  const live = await judged((request, id) => {
    recorded = { id, request, error: stalled, startedAt: new Date().toISOString(), durationMs: 300 };
    return recorded;
  });
  expect(live.status).toBe('failed');
  expect(live.receivedStatus).toBeUndefined();
  expect(live.headStatus).toBe(200);
  expect(caseStatusNote(live)).toBe('timeout after the head (status 200)');
  expect(describeFailure(live)).toMatch(/^getWhatsAppSyncStatus\/coexistence: expected 200, received only the head \(status 200\), then a timeout\n/);
  const shown = report([live]);
  expect(renderConsole(shown)).toContain(`${live.id} (timeout after the head (status 200))`);
  expect(renderHtml(shown)).toContain('Timeout after the head (status <strong>200</strong>)');
  expect(renderHtml(shown)).not.toContain('No response');
  const json = JSON.parse(renderJson(shown)) as { results: { headStatus?: number }[] };
  expect(json.results[0]?.headStatus).toBe(200);
  expect(reportSchemaError(json)).toBeUndefined();
  // The replay reads the recording's entry: the same line, not "no response".
  const scrubber = createScrubber([]);
  const back = fromHarEntry(toHarEntry(recorded!, { caseId: live.id, scenario: 'coexistence', authVariant: 'valid' }, scrubber)).exchange;
  expect(back.error).toEqual({ kind: 'timeout', message: stalled.message, headStatus: 200 });
  const replayed = await judged(() => ({ ...back, id: back.id }));
  expect(caseStatusNote(replayed)).toBe('timeout after the head (status 200)');
});

test('a timeout before any head, and a transport error, still read "no response"', async () => {
  const none = await judged((request, id) => ({ id, request, error: { kind: 'timeout', message: 'no complete response within 300 ms' }, startedAt: '', durationMs: 300 }));
  expect(none.headStatus).toBeUndefined();
  expect(caseStatusNote(none)).toBe('no response');
});
