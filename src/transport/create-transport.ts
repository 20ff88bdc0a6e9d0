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
import type { RunMode } from '../model';
import type { Transport } from './transport';
import type { TargetLoss, TargetStop } from './target-guard';
import type { StopCause } from '../recording/zavu-fields';
import { excerpt } from '../text/plain-text';
import { caseOfExchange } from '../model/exchange-id';
import { pause } from './pause';

/** The exchange id of the read sent to confirm a target stopped at the run's end (RunTransports.confirmAtEnd): no case's. */
export const CONFIRMING_READ_ID = 'confirming-read';

/** Characters of unasked bytes a report shows: a status line and a few headers, enough to recognise them. */
export const UNASKED_EXCERPT_CHARS = 200;

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
  /** Case id → scenario id (and the roles its sender was bound through), for recorded entries. */
  cases: readonly { id: string; scenario: { id: string }; boundAs?: Readonly<Record<string, string>> }[];
  /** The target as messages show it (no user-info); "the target" when not given. */
  targetLabel?: string;
  /** Where the key is set, as the key-refused line names it; "--api-key or ZAVU_API_KEY" when not given. */
  keySource?: string;
}

export interface RunTransports {
  cases: Transport;
  negative: Transport;
  /**
   * Closes the kept-alive sockets of the live stack. A CLI run exits anyway, but a run from code
   * (the library) goes on in the user's process: its idle sockets must not outlive the run.
   */
  close(): void;
  /**
   * A pause of the run's (the pacing's, a Retry-After's, a write's settle): it ends at once when
   * close() is called, so a closed run (its end, or its caller's abort) waits no more, and what it
   * would send next is refused by the closed transport; and when `signal`, the case's stop, is
   * aborted, its timer cleared and no listener left on the run's close (pause.ts).
   */
  wait(ms: number, signal?: AbortSignal): Promise<void>;
  /** Why the live target is taken for silent (none of the first requests answered), once it is. */
  stopped(): TargetStop | undefined;
  /** While the target's first answers may still stop the run (TargetGuardTransport.undecided). */
  undecided(): boolean;
  /** The target lost mid-run (TargetGuardTransport.lostTarget), once it is; a replay's, the recorded run's (ReplayTransport.lostTarget), once the replay has ended (close). */
  lost(): TargetLoss | undefined;
  /**
   * A live run's, asked at its end: a target that stopped answering too near the end to be lost
   * (TargetGuardTransport.stoppedAtEnd). A replay's never: its recording keeps no mark of which
   * requests were sent as a client sends them.
   */
  stoppedAtEnd(): TargetLoss | undefined;
  /**
   * A live run's, once its cases are done and before close(): when it ends on a row of
   * hostile-looking requests reset, none of a client's closed, the one read a client sends that
   * tells a target gone down from a front that resets those (TargetGuardTransport.confirmAtEnd),
   * sent under the guard: through the pacing, past the recording (no case's exchange: a record
   * mode's sink never has it), the retry of a 429 (one request; a 429 is an answer) and every
   * tally. `signal`, the run's abort: nothing is sent once it is aborted. `sending`, told the read
   * ("METHOD path", the keys taken out) just before it is sent, for the progress. A replay sends nothing.
   */
  confirmAtEnd(signal?: AbortSignal, sending?: (read: string) => void): Promise<void>;
  /** A replay's: the first exchange it needed that its recordings lack (ReplayTransport.unrecorded); a live run's is always undefined. */
  unrecorded(): string | undefined;
  /** A replay's: whether that case needed an exchange its recordings lack (ReplayTransport.lacksStep); a live run's never did. */
  lacksStep(caseId: string): boolean;
  /** A replay's: why the recorded run stopped that case, when it did (ReplayTransport.stoppedWhenRecorded); a live run's stops are its own signals'. */
  stoppedWhenRecorded(caseId: string): StopCause | undefined;
  /**
   * A live run's: bytes the target sent on an idle kept-alive connection, answers to no request
   * (keep-alive.ts), once it has: how many sockets got some, and the first chunk as an excerpt,
   * the run's keys scrubbed out before it is cut (an echo of the key stays out of every report) and
   * its control characters escaped. A replay's never has (it has no connection).
   */
  unasked(): UnaskedExcerpt | undefined;
}

/** RunTransports.unasked: what the reports may show of unasked bytes. */
export interface UnaskedExcerpt {
  count: number;
  /** The first chunk's start, scrubbed of the run's keys, then cut and escaped (text/plain-text.ts excerpt). */
  excerpt: string;
}

function replayTransport(recordings: string): import('./replay-transport').ReplayTransport {
  const { ReplayTransport } = require('./replay-transport') as typeof import('./replay-transport');
  const { readRecordings } = require('../recording/read-recordings') as typeof import('../recording/read-recordings');
  return new ReplayTransport(readRecordings(recordings), recordings);
}

/** The live stack, the close of its one HttpTransport (the wrappers hold no sockets), and why it stopped sending. */
function liveTransport(plan: TransportOptions, sleep: (ms: number, signal?: AbortSignal) => Promise<void>, secrets: readonly string[]): { transport: Transport; close: () => void; stopped: () => TargetStop | undefined; undecided: () => boolean; lost: () => TargetLoss | undefined; stoppedAtEnd: () => TargetLoss | undefined; confirmAtEnd: (signal?: AbortSignal, sending?: (read: string) => void) => Promise<void>; unasked: () => UnaskedExcerpt | undefined } {
  const { HttpTransport } = require('./http-transport') as typeof import('./http-transport');
  const { RateLimitedTransport } = require('./rate-limit') as typeof import('./rate-limit');
  const { RetryOn429Transport } = require('./retry-on-429') as typeof import('./retry-on-429');
  const { TargetGuardTransport } = require('./target-guard') as typeof import('./target-guard');
  const http = new HttpTransport(plan.timeoutMs, plan.maxBodyBytes);
  const paced = new RateLimitedTransport(http, {
    concurrency: plan.concurrency,
    ...(plan.ratePerSecond !== undefined ? { ratePerSecond: plan.ratePerSecond } : {}),
    sleep,
  });
  // Outside the pacing: a wait for Retry-After must not hold a concurrency slot. Outermost, the
  // guard: a 429 is an answer, and a request it holds back never reaches the pacing.
  // The guard names the request a lost target went down on, cut to one line: redacted first
  // (built on first use: only a lost target needs it), so the cut cannot split a key.
  let scrubber: import('../recording/scrub').Scrubber | undefined;
  const scrub = (): import('../recording/scrub').Scrubber => (scrubber ??= (require('../recording/scrub') as typeof import('../recording/scrub')).createScrubber(secrets));
  const redacted = (text: string): string => scrub().text(text);
  const guarded = new TargetGuardTransport(new RetryOn429Transport(paced, { sleep }), plan.targetLabel ?? 'the target', redacted, plan.keySource);
  const unasked = (): UnaskedExcerpt | undefined => {
    const seen = http.unasked();
    // Scrubbed whole, then cut: a cut first could leave a key's head the scrubber no longer knows.
    // Its end is a cut already, unmarked: the first chunk is all that is read, and a target (or
    // TCP) may end it inside an echoed key, whose head no form matches whole (cutEnd takes it).
    return seen === undefined ? undefined : { count: seen.count, excerpt: excerpt(redacted(scrub().cutEnd(seen.first)), UNASKED_EXCERPT_CHARS) };
  };
  // Through the pacing (--rate holds for it too), under the guard and the 429 retry: one request.
  const confirmAtEnd = (signal?: AbortSignal, sending?: (read: string) => void): Promise<void> => guarded.confirmAtEnd(paced, CONFIRMING_READ_ID, signal, sending);
  return { transport: guarded, close: () => http.close(), stopped: () => guarded.stopped(), undecided: () => guarded.undecided(), lost: () => guarded.lostTarget(), stoppedAtEnd: () => guarded.stoppedAtEnd(), confirmAtEnd, unasked };
}

function recordingTransport(live: Transport, plan: TransportOptions, sink: string, secrets: readonly string[]): Transport {
  const { RecordTransport } = require('./record-transport') as typeof import('./record-transport');
  const { createScrubber } = require('../recording/scrub') as typeof import('../recording/scrub');
  const { boundedSink, noteOverflow } = require('../recording/bounded-sink') as typeof import('../recording/bounded-sink');
  const scenarioOf = new Map(plan.cases.map((c) => [c.id, c.scenario.id]));
  const boundAsOf = new Map(plan.cases.flatMap((c) => (c.boundAs === undefined ? [] : [[c.id, c.boundAs] as const])));
  // A step's exchange id is "<case>#<step>"; its entry belongs to the case.
  const caseOf = (exchangeId: string): string => caseOfExchange(exchangeId).caseId;
  return new RecordTransport({
    inner: live,
    scrubber: createScrubber(secrets),
    // Held to what a replay reads: past it no recording could be replayed, and the sink once grew to gigabytes.
    sink: boundedSink((line) => appendFileSync(sink, line), noteOverflow(sink)),
    caseMeta: (id) => {
      const boundAs = boundAsOf.get(id) ?? boundAsOf.get(caseOf(id));
      return { scenario: scenarioOf.get(id) ?? scenarioOf.get(caseOf(id)) ?? id, ...(boundAs !== undefined ? { boundAs } : {}) };
    },
  });
}

/** `otherSecrets`: keys the run sends besides `apiKey` (the other project's), scrubbed from a recording as it is. */
export function createTransports(plan: TransportOptions, apiKey: string, otherSecrets: readonly string[] = []): RunTransports {
  // Every pause of the run ends when it is closed, or its case stopped (RunTransports.wait).
  const ended = new AbortController();
  const wait = (ms: number, signal?: AbortSignal): Promise<void> => pause(ms, ended.signal, signal);
  if (plan.mode === 'replay') {
    const replay = replayTransport(plan.recordings ?? '');
    // A recording's timeouts are its answers to judge: a replay is never silent. Its target was lost
    // when the recorded run's was: the cases it cut short are replayed not sent, under the same headline.
    // Only once the replay has ended: the progress says a loss as soon as lost() has one ("the cases
    // after this are not judged"), which a live run's guard has only as it happens, and a replay's
    // recording from its first case on. During the replay, its first case cut short says it.
    return { cases: replay, negative: replay, close: () => ended.abort(), wait, stopped: () => undefined, undecided: () => false, lost: () => (ended.signal.aborted ? replay.lostTarget() : undefined), stoppedAtEnd: () => undefined, confirmAtEnd: async () => undefined, unrecorded: () => replay.unrecorded(), lacksStep: (caseId) => replay.lacksStep(caseId), stoppedWhenRecorded: (caseId) => replay.stoppedWhenRecorded(caseId), unasked: () => undefined };
  }
  const { transport: live, close: closeLive, stopped, undecided, lost, stoppedAtEnd, confirmAtEnd, unasked } = liveTransport(plan, wait, [apiKey, ...otherSecrets].filter((secret) => secret !== ''));
  const close = (): void => {
    ended.abort();
    closeLive();
  };
  // recordSink is set exactly in record mode.
  const unrecorded = (): undefined => undefined;
  const lacksStep = (): boolean => false;
  const stoppedWhenRecorded = (): undefined => undefined;
  if (plan.recordSink === undefined) return { cases: live, negative: live, close, wait, stopped, undecided, lost, stoppedAtEnd, confirmAtEnd, unrecorded, lacksStep, stoppedWhenRecorded, unasked };
  return { cases: recordingTransport(live, plan, plan.recordSink, [apiKey, ...otherSecrets].filter((secret) => secret !== '')), negative: live, close, wait, stopped, undecided, lost, stoppedAtEnd, confirmAtEnd, unrecorded, lacksStep, stoppedWhenRecorded, unasked };
}
