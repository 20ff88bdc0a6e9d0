/**
 * The replay transport: answers each request with the exchange recorded for the same case, method,
 * auth variant and path, so every check re-runs offline, against today's contract, on yesterday's
 * responses. Nothing is sent. The path must match exactly: a replay run binds every case to the
 * sender it was recorded with (see planReplay), so today's request is the recorded one.
 */
import type { Exchange, HttpRequest } from '../model';
import type { LoadedEntry, LoadedRecording } from '../recording/read-recordings';
import type { RecordedLoss, StopCause } from '../recording/zavu-fields';
import { caseOfExchange } from '../model/exchange-id';
import type { Transport } from './transport';
import { realIsoNow } from '../text/real-clock';

interface Candidate {
  source: string;
  entry: LoadedEntry;
}

export class ReplayTransport implements Transport {
  private readonly byCase = new Map<string, Candidate[]>();
  private readonly served = new Map<string, string>();
  private readonly used = new Set<Candidate>();
  /** The file that holds each recorded case (its exchanges, steps included). */
  private readonly fileOfCase = new Map<string, string>();
  private gap: string | undefined;
  /** The first recording's loss of its target, in the order given: the recorded run's headline. */
  private readonly loss: RecordedLoss | undefined;
  /** The cases with a step the recordings lack: each one's progress line says it is not judged. */
  private readonly gapCases = new Set<string>();
  /** The cases the recorded runs stopped, and why (log._zavu.stopped). */
  private readonly stops = new Map<string, StopCause>();

  /** Entries are offered in the order of `recordings`, then of each file's entries. */
  constructor(
    recordings: readonly LoadedRecording[],
    private readonly location = 'the recordings',
  ) {
    this.loss = recordings.find((recording) => recording.targetLost !== undefined)?.targetLost;
    for (const recording of recordings) {
      for (const stop of recording.stopped ?? []) this.stops.set(stop.caseId, stop.why);
      for (const entry of recording.entries) {
        this.fileOfCase.set(caseOfExchange(entry.caseId).caseId, recording.file);
        const list = this.byCase.get(entry.caseId) ?? [];
        list.push({ source: `${recording.file}#${entry.index}`, entry });
        this.byCase.set(entry.caseId, list);
      }
    }
  }

  async send(request: HttpRequest, exchangeId: string): Promise<Exchange> {
    const matches = (this.byCase.get(exchangeId) ?? []).filter(
      ({ entry }) => entry.exchange.request.method === request.method && entry.authVariant === request.authVariant && entry.exchange.request.path === request.path,
    );
    // A request sent again (the next --repeat attempt) gets the next recorded attempt while there is
    // one, in file order (a --repeat recording keeps its attempts in the order sent), then the last
    // again. readRecordings refused a file with more entries of a request than its --repeat.
    const match = matches.find((candidate) => !this.used.has(candidate)) ?? matches.at(-1);
    if (!match) {
      const message = `no recorded exchange for ${exchangeId} (${request.method} ${request.path}, auth ${request.authVariant})`;
      // The plan holds only cases the recording holds, so this is a step cut from a recorded case (an
      // entry deleted or edited by hand, a recording made before the case had this step): the
      // recording's fault, not the target's, which no verdict may blame on it (see unrecorded()).
      const file = this.fileOfCase.get(caseOfExchange(exchangeId).caseId) ?? this.location;
      this.gap ??= `${file}: ${message}, a step of a case recorded there (an entry removed or edited by hand, or recorded before the case had this step); record again with --mode record`;
      this.gapCases.add(caseOfExchange(exchangeId).caseId);
      return { id: exchangeId, request, error: { kind: 'other', message }, startedAt: realIsoNow(), durationMs: 0 };
    }
    this.used.add(match);
    this.served.set(exchangeId, match.source);
    const recorded = match.entry.exchange;
    // The request as sent now (with today's headers), to the target it was recorded from: recordings
    // of several targets (one operation recorded from staging, another from a sandbox) are replayed
    // together, and a curl must name the entry's own. The outcome and timing as recorded.
    const recordedUrl = recorded.request.url;
    const sentTo = recordedUrl.endsWith(request.path) ? { ...request, url: recordedUrl } : request;
    const exchange: Exchange = { id: exchangeId, request: sentTo, startedAt: recorded.startedAt, durationMs: recorded.durationMs };
    if (recorded.response) exchange.response = recorded.response;
    if (recorded.error) exchange.error = recorded.error;
    // Held back by the live run (its case stopped, the target lost): not sent again, for the same reason.
    if (recorded.notSent === true) exchange.notSent = true;
    if (recorded.retries) exchange.retries = recorded.retries;
    // A final 429 because the live run's minute of waiting was spent: the same warning, and the same
    // reason it was not judged, again.
    if (recorded.rateLimitBudgetSpent === true) exchange.rateLimitBudgetSpent = true;
    // The target's ignoring of kept-alive requests, as the live run found it: the same warning again.
    if (recorded.keepAliveIgnored !== undefined) exchange.keepAliveIgnored = recorded.keepAliveIgnored;
    return exchange;
  }

  /**
   * The first exchange the replay needed and the recordings lack, with the file of its case: the
   * run ends as a recording error (exit 2), as a case missing whole does before any is judged.
   */
  unrecorded(): string | undefined {
    return this.gap;
  }

  /**
   * The target the recorded run lost mid-run, when it did: said once at the top of the replay's
   * reports, as the live run said it, over the cases whose requests it held back (notSent).
   */
  lostTarget(): RecordedLoss | undefined {
    return this.loss;
  }

  /** Whether the case needed an exchange its recording lacks: it is not judged, whatever its checks found. */
  lacksStep(caseId: string): boolean {
    return this.gapCases.has(caseId);
  }

  /** Why the recorded run stopped the case, when it did: the replay reports it as that run did. */
  stoppedWhenRecorded(caseId: string): StopCause | undefined {
    return this.stops.get(caseId);
  }

  /** "<file>#<entry index>" of the entry last served for this exchange. */
  sourceOf(exchangeId: string): string | undefined {
    return this.served.get(exchangeId);
  }
}
