/**
 * Tells a target that accepts connections but answers nothing from one that answers wrongly. The
 * preflight only shakes hands; a port held by something that never speaks HTTP back (a hung
 * process, a firewall that accepts and drops) would time out every request of the run, one
 * deadline after another, and end as "contract violations" (exit 1) minutes later. Once the first
 * requests of a run have all gone unanswered, the target is called silent: the run stops as
 * unreachable (exit 3), and nothing more is sent. One answer of any kind, before that, disarms the
 * guard for the rest of the run: a target that speaks is judged by the checks, however it fails.
 */
import type { Exchange, HttpRequest } from '../model';
import type { Transport } from './transport';

/** A transport error's message on one short line (the error line that carries it is bounded again). */
function shortened(message: string): string {
  const line = message.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/** Unanswered requests, before any answer, that make a target silent. */
export const SILENT_AFTER = 3;

export class SilentTargetTransport implements Transport {
  private answered = false;
  private unanswered = 0;
  private reason: string | undefined;

  constructor(
    private readonly inner: Transport,
    private readonly target: string,
  ) {}

  /** Why the target is taken for silent, once it is; undefined while it may still answer. */
  silence(): string | undefined {
    return this.reason;
  }

  async send(request: HttpRequest, exchangeId: string): Promise<Exchange> {
    if (this.reason !== undefined) {
      return { id: exchangeId, request, error: { kind: 'other', message: `not sent: ${this.reason}` }, startedAt: new Date().toISOString(), durationMs: 0 };
    }
    const exchange = await this.inner.send(request, exchangeId);
    if (exchange.response !== undefined) this.answered = true;
    else if (!this.answered && exchange.error !== undefined) {
      this.unanswered += 1;
      if (this.unanswered >= SILENT_AFTER && this.reason === undefined) {
        this.reason = `${this.target} accepted connections but answered none of the first ${SILENT_AFTER} requests (the last: ${exchange.error.kind}, ${shortened(exchange.error.message)}): is it the API, and up? (a slow one: raise --timeout)`;
      }
    }
    return exchange;
  }

  sourceOf(exchangeId: string): string | undefined {
    return this.inner.sourceOf?.(exchangeId);
  }
}
