/**
 * The record transport: sends through another transport (the live one) and hands each exchange,
 * scrubbed, to a sink as a HAR entry. The suite above sees the live exchange unchanged, so a
 * recording run judges exactly what a live run would.
 */
import type { Entry } from 'har-format';
import type { Exchange, HttpRequest } from '../model';
import { toHarEntry } from '../recording/har-entry';
import type { Scrubber } from '../recording/scrub';
import type { SendOptions, Transport } from './transport';

/** What the recorder needs to know about a case beyond its request. */
export interface RecordCaseMeta {
  scenario: string;
  /** PlannedCase.boundAs: the role a firstOf role's sender came from. */
  boundAs?: Record<string, string>;
}

export interface RecordTransportOptions {
  /** The transport that really sends (the live one). */
  inner: Transport;
  /** Scrubs every entry before it leaves this class; built from the configured API key. */
  scrubber: Scrubber;
  /** Receives one scrubbed entry per exchange, in completion order (buildHar sorts them later). */
  sink: (entry: Entry) => void;
  /** The scenario of a case, by exchange id (the planned case id). */
  caseMeta: (exchangeId: string) => RecordCaseMeta;
}

export class RecordTransport implements Transport {
  constructor(private readonly options: RecordTransportOptions) {}

  /**
   * Sends, records, returns the live exchange. Rejects only if recording fails (the scrubber finds a
   * secret it could not remove, or the sink throws): a run that silently lost entries would replay
   * as a different run later.
   */
  async send(request: HttpRequest, exchangeId: string, options?: SendOptions): Promise<Exchange> {
    const { inner, scrubber, sink, caseMeta } = this.options;
    const exchange = await inner.send(request, exchangeId, options);
    const { scenario, boundAs } = caseMeta(exchangeId);
    const entry = toHarEntry(exchange, { caseId: exchangeId, scenario, authVariant: request.authVariant, ...(boundAs !== undefined ? { boundAs } : {}) }, scrubber);
    // Checked here as well as in writeHar: the sink may put the entry on disk long before the HAR is written.
    scrubber.assertClean(JSON.stringify(entry));
    sink(entry);
    return exchange;
  }

  sourceOf(exchangeId: string): string | undefined {
    return this.options.inner.sourceOf?.(exchangeId);
  }
}
