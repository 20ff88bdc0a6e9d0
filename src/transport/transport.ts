/**
 * One interface, several implementations (live, record, replay): the suite above it does not know
 * which one runs. A transport never judges a response; it only moves bytes and reports what happened.
 */
import type { Exchange, HttpRequest } from '../model';

/** How a request is sent, beyond the request itself. */
export interface SendOptions {
  /**
   * One of this many copies of one request sent at once (a concurrent step, at most 4): they leave
   * together whatever --concurrency says, since copies spaced out cannot race. Under --rate the
   * group waits for one tick and counts as this many requests (the next waits N ticks).
   */
  together?: number;
  /**
   * The case's stop (its Jest timeout ran out): once aborted, nothing more of the case leaves. A
   * request not yet sent comes back `notSent`, its pacing or Retry-After wait ends at once, and a
   * request already on the wire is awaited to its own deadline, not cut: a write the target has
   * may still be acted on, and its answer is when the next case may begin.
   */
  signal?: AbortSignal;
  /**
   * A request no client of the API sends as it is: a hostile sender id of the negative property
   * (reserved characters, encodings, long ids), or a step spelled to probe (transport/sent-as-a-client.ts:
   * HEAD, an odd path, odd credentials). A front may drop it with a reset (nginx's 444) while it
   * answers every other request, so the target guard counts no reset of it toward a lost target;
   * the reset of a request sent as a client sends it, it counts.
   */
  hostile?: boolean;
}

export interface Transport {
  /** Sends the request; resolves with an Exchange carrying a response or a transport error. Never rejects for network failures. */
  send(request: HttpRequest, exchangeId: string, options?: SendOptions): Promise<Exchange>;
  /** Where an exchange came from, for reports (a recording file in replay mode). */
  sourceOf?(exchangeId: string): string | undefined;
}
