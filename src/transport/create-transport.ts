/**
 * The transports of a run, by mode; the suite above does not know which one runs. Live requests
 * go through node:http (HttpTransport), paced (concurrency, rate) and with 429s waited out; record mode also writes
 * each planned case's exchange, scrubbed. Negative inputs use the live stack unrecorded: they are
 * regenerated from their seed, not replayed.
 *
 * Each mode loads only its own modules (every module costs start-up under Jest's loader): a
 * replay never loads the live transport, a live run never loads the HAR reader. (Every run with a
 * key loads the scrubber: its case results are scrubbed of the key before they are reported.)
 */
import { appendFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import type { RunMode } from '../model';
import type { Transport } from './transport';
import type { TargetStop } from './target-guard';

/** What the transports of a run need to know (the runner's plan satisfies it; transport knows nothing of the runner). */
export interface TransportOptions {
  mode: RunMode;
  timeoutMs: number;
  /** Bound of a response body, on the wire and decoded (--max-body-bytes). */
  maxBodyBytes: number;
  concurrency: number;
  ratePerSecond?: number;
  /** replay mode: the recordings directory (or .har file). */
  recordings?: string;
  /** record mode: JSON Lines file each scrubbed HAR entry is appended to. */
  recordSink?: string;
  /** Case id → scenario id, for recorded entries. */
  cases: readonly { id: string; scenario: { id: string } }[];
  /** The target as messages show it (no user-info); "the target" when not given. */
  targetLabel?: string;
}

export interface RunTransports {
  cases: Transport;
  negative: Transport;
  /**
   * Closes the kept-alive sockets of the live stack. A CLI run exits anyway, but a run from code
   * (the library) goes on in the user's process: its idle sockets must not outlive the run.
   */
  close(): void;
  /** Why the live target is taken for silent (none of the first requests answered), once it is. */
  stopped(): TargetStop | undefined;
  /** While the target's first answers may still stop the run (TargetGuardTransport.undecided). */
  undecided(): boolean;
}

function replayTransport(recordings: string): Transport {
  const { ReplayTransport } = require('./replay-transport') as typeof import('./replay-transport');
  const { readRecordings } = require('../recording/read-recordings') as typeof import('../recording/read-recordings');
  return new ReplayTransport(readRecordings(recordings));
}

/** The live stack, the close of its one HttpTransport (the wrappers hold no sockets), and why it stopped sending. */
function liveTransport(plan: TransportOptions): { transport: Transport; close: () => void; stopped: () => TargetStop | undefined; undecided: () => boolean } {
  const { HttpTransport } = require('./http-transport') as typeof import('./http-transport');
  const { RateLimitedTransport } = require('./rate-limit') as typeof import('./rate-limit');
  const { RetryOn429Transport } = require('./retry-on-429') as typeof import('./retry-on-429');
  const { TargetGuardTransport } = require('./target-guard') as typeof import('./target-guard');
  const http = new HttpTransport(plan.timeoutMs, plan.maxBodyBytes);
  // Closed, the stack waits no more: a pause of the pacing or a Retry-After wait (up to 30 s) ends
  // at once, and what it would have sent next is refused by the closed HttpTransport.
  const ended = new AbortController();
  const sleep = (ms: number): Promise<void> => delay(ms, undefined, { signal: ended.signal }).catch(() => undefined);
  const paced = new RateLimitedTransport(http, {
    concurrency: plan.concurrency,
    ...(plan.ratePerSecond !== undefined ? { ratePerSecond: plan.ratePerSecond } : {}),
    sleep,
  });
  // Outside the pacing: a wait for Retry-After must not hold a concurrency slot. Outermost, the
  // guard: a 429 is an answer, and a request it holds back never reaches the pacing.
  const guarded = new TargetGuardTransport(new RetryOn429Transport(paced, { sleep }), plan.targetLabel ?? 'the target');
  const close = (): void => {
    ended.abort();
    http.close();
  };
  return { transport: guarded, close, stopped: () => guarded.stopped(), undecided: () => guarded.undecided() };
}

function recordingTransport(live: Transport, plan: TransportOptions, sink: string, secrets: readonly string[]): Transport {
  const { RecordTransport } = require('./record-transport') as typeof import('./record-transport');
  const { createScrubber } = require('../recording/scrub') as typeof import('../recording/scrub');
  const { caseOfExchange } = require('../recording/recorded-cases') as typeof import('../recording/recorded-cases');
  const scenarioOf = new Map(plan.cases.map((c) => [c.id, c.scenario.id]));
  // A step's exchange id is "<case>#<step>"; its entry belongs to the case.
  const caseOf = (exchangeId: string): string => caseOfExchange(exchangeId).caseId;
  return new RecordTransport({
    inner: live,
    scrubber: createScrubber(secrets),
    sink: (entry) => appendFileSync(sink, `${JSON.stringify(entry)}\n`),
    caseMeta: (id) => ({ scenario: scenarioOf.get(id) ?? scenarioOf.get(caseOf(id)) ?? id }),
  });
}

/** `otherSecrets`: keys the run sends besides `apiKey` (the other project's), scrubbed from a recording as it is. */
export function createTransports(plan: TransportOptions, apiKey: string, otherSecrets: readonly string[] = []): RunTransports {
  if (plan.mode === 'replay') {
    const replay = replayTransport(plan.recordings ?? '');
    // A recording's timeouts are its answers to judge: a replay is never silent.
    return { cases: replay, negative: replay, close: () => undefined, stopped: () => undefined, undecided: () => false };
  }
  const { transport: live, close, stopped, undecided } = liveTransport(plan);
  // recordSink is set exactly in record mode.
  if (plan.recordSink === undefined) return { cases: live, negative: live, close, stopped, undecided };
  return { cases: recordingTransport(live, plan, plan.recordSink, [apiKey, ...otherSecrets].filter((secret) => secret !== '')), negative: live, close, stopped, undecided };
}
