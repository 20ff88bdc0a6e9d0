/**
 * Answers that came close to --timeout pass with no word, and a slightly slower day fails them all
 * at once: answers that took NEAR_TIMEOUT_PERCENT of --timeout or more make one run warning. The
 * rule at its edge (exactly at the share counts, a tenth of a millisecond under does not), which
 * answers count (those the latency figures count: answered below 500; not a timeout, a 5xx, or a
 * request never sent), and the line, its target-sent text bounded and the key out of it.
 */
import type { Exchange, HttpRequest } from '../../src/model';
import { NEAR_TIMEOUT_PERCENT, NearTimeoutTally, nearTimeout } from '../../src/runner/near-timeout-tally';
import { nearTimeoutWarning, RUN_WARNING_LIMITS } from '../../src/report/run-warnings';

const TIMEOUT_MS = 1000;

function answered(id: string, durationMs: number, status = 200, path = `/v1/senders/snd_a/whatsapp-sync`): Exchange {
  const request = { method: 'GET', path, headers: {} } as HttpRequest;
  return { id, request, response: { status, headers: { 'content-type': 'application/json' }, bodyText: '{}' }, startedAt: '', durationMs };
}

function tallied(exchanges: readonly Exchange[], timeoutMs = TIMEOUT_MS): NearTimeoutTally {
  const tally = new NearTimeoutTally(timeoutMs);
  for (const e of exchanges) tally.note(e);
  return tally;
}

const asIs = (text: string): string => text;

test('the threshold is 80% of --timeout, counted from exactly the share on, not a tenth of a millisecond under it', () => {
  expect(NEAR_TIMEOUT_PERCENT).toBe(80);
  expect(nearTimeout(800, 1000)).toBe(true);
  expect(nearTimeout(799.9, 1000)).toBe(false);
  // Shares that are no whole millisecond, and sums a binary fraction would miss by a hair: 80% of 333 ms is 266.4 ms.
  expect(nearTimeout(266.4, 333)).toBe(true);
  expect(nearTimeout(266.3, 333)).toBe(false);
  expect(nearTimeout(320, 400)).toBe(true);
  expect(nearTimeout(319.9, 400)).toBe(false);
  // An answer past --timeout (the stall grace gave it more time) is near it too.
  expect(nearTimeout(1003.2, 1000)).toBe(true);
});

test('answers at the share or over are counted once, with the slowest named; one a tenth under the share, none', () => {
  expect(tallied([answered('a', 799.9), answered('b', 12)]).nearTimeout()).toBeUndefined();
  const seen = tallied([answered('a', 800), answered('b', 12), answered('c#read', 996.9, 200, '/v1/senders/snd_b/whatsapp-sync'), answered('c#again', 850)]).nearTimeout();
  expect(seen).toEqual({
    answers: 3,
    cases: 2,
    percent: NEAR_TIMEOUT_PERCENT,
    timeoutMs: TIMEOUT_MS,
    slowest: { ms: 996.9, method: 'GET', path: '/v1/senders/snd_b/whatsapp-sync', caseId: 'c' },
  });
});

test('the run\'s own busy time while an answer was out (Exchange.runBusyMs) is not the target\'s: left out of the share as the deadline gives it back, at most one --timeout', () => {
  // A fast target read late by a loaded run (--concurrency 8 on two cores): 506 ms under --timeout 400, 500 of them the run's own.
  expect(tallied([{ ...answered('busy', 506.3), runBusyMs: 500 }], 400).nearTimeout()).toBeUndefined();
  // 900 ms of which 50 the run's: 850 the target's, near it still.
  expect(tallied([{ ...answered('slow', 900), runBusyMs: 50 }]).nearTimeout()?.slowest.ms).toBe(900);
  // The stall grace gives back one deadline at most: 2500 ms with 2000 busy is 1500 the target's, past --timeout 1000.
  expect(tallied([{ ...answered('long', 2500), runBusyMs: 2000 }]).nearTimeout()?.answers).toBe(1);
});

test('only answers the latency figures count: not a timeout, a 5xx (a front\'s, not the target\'s latency), or a request never sent', () => {
  const timedOut: Exchange = { ...answered('t', 1000), error: { kind: 'timeout', message: 'no answer within 1000 ms' } };
  delete timedOut.response;
  const unsent: Exchange = { ...answered('u', 900), notSent: true };
  expect(tallied([timedOut, answered('g', 990, 504), unsent]).nearTimeout()).toBeUndefined();
  expect(tallied([answered('n', 990, 404), answered('r', 990, 429)]).nearTimeout()?.answers).toBe(2);
});

test('the line: how many, the share and --timeout, the slowest with its request and case, and what a slower day does', () => {
  const seen = tallied([answered('getWhatsAppSyncStatus/coexistence[snd_b]', 996.9, 200, '/v1/senders/snd_b/whatsapp-sync'), answered('x', 850)]).nearTimeout();
  const line = nearTimeoutWarning(seen!, asIs);
  expect(line.kind).toBe('near-timeout');
  expect(line.message).toBe(
    'near the timeout: 2 answers took 80% of --timeout 1000 ms or more (the slowest 996.9 ms, GET /v1/senders/snd_b/whatsapp-sync, case getWhatsAppSyncStatus/coexistence[snd_b]; 2 cases in all): ' +
      'a slightly slower day fails them by timeout, all at once; the verdicts stand, as each answer came in time',
  );
  expect(nearTimeoutWarning(tallied([answered('a', 900)]).nearTimeout()!, asIs).message).toMatch(/^near the timeout: 1 answer took 80% .*; 1 case in all\): a slightly slower day fails it by timeout; the verdict stands, as the answer came in time$/);
});

test('the request and case are the suite\'s, but may carry a key (a hostile input\'s): taken out, cut and made inert', () => {
  const key = 'zv_live_SECRET';
  const long = `/v1/senders/${key}${'\u001b[2J<x>'.repeat(400)}`;
  const seen = tallied([answered(`case[${key}]`, 950, 200, long)]).nearTimeout();
  const line = nearTimeoutWarning(seen!, (text) => text.split(key).join('[redacted]'));
  expect(line.message).not.toContain(key);
  expect(line.message).not.toContain('\u001b');
  expect(line.message).toContain('[redacted]');
  expect(line.message.length).toBeLessThanOrEqual(RUN_WARNING_LIMITS.messageChars);
});
