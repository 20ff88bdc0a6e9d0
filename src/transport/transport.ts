/**
 * One interface, several implementations (live, record, replay): the suite above it does not know
 * which one runs. A transport never judges a response; it only moves bytes and reports what happened.
 */
import type { Exchange, HttpRequest } from '../model';

export interface Transport {
  /** Sends the request; resolves with an Exchange carrying a response or a transport error. Never rejects for network failures. */
  send(request: HttpRequest, exchangeId: string): Promise<Exchange>;
  /** Where an exchange came from, for reports (a recording file in replay mode). */
  sourceOf?(exchangeId: string): string | undefined;
}
