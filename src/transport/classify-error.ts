/** Maps Node network errors onto the closed set of transport error kinds. */
import type { TransportError, TransportErrorKind } from '../model';
import { oneLine } from '../text/plain-text';
import { shownAndRest } from '../text/shown-and-rest';
import { systemErrorCode } from './system-error-code';

const byCode: Record<string, TransportErrorKind> = {
  ECONNREFUSED: 'connection-refused',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  ETIMEDOUT: 'timeout',
  ESOCKETTIMEDOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
};

/**
 * OpenSSL's own error line ("80ACCAB35F7F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong
 * version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:350:") cut to its reason ("wrong
 * version number"): the thread id, packed code, function and source line are OpenSSL's internals,
 * which led the line and pushed what a reader can act on to its far end. Node's code
 * (ERR_SSL_WRONG_VERSION_NUMBER) stays before it.
 */
function withoutOpenSslInternals(message: string): string {
  return message.replace(/\b[0-9A-F]{6,}:error:[0-9A-F]+:[^:]*:[^:]*:([^:]+):[^:\s]*\.c:\d+:/gi, (_all, reason: string) => reason.trim());
}

/** Addresses of one host whose errors an AggregateError's message names before "and N more". */
const AGGREGATE_SHOWN = 3;

/**
 * Node 20 tries each address of a host (autoSelectFamily: localhost is ::1 and 127.0.0.1 on most
 * machines) and reports their failures as one AggregateError whose own message is empty: its
 * errors' messages say which addresses were tried, bounded. Undefined for any other error.
 */
function aggregateMessage(err: { message?: unknown; errors?: unknown }): string | undefined {
  if (err.message !== '' || !Array.isArray(err.errors) || err.errors.length === 0) return undefined;
  const messages = (err.errors as unknown[]).map((inner) => {
    const message = (inner as { message?: unknown } | null)?.message;
    return typeof message === 'string' ? message : String(inner);
  });
  const { shown, rest } = shownAndRest(messages, AGGREGATE_SHOWN);
  return [...shown, ...(rest > 0 ? [`and ${rest} more`] : [])].join('; ');
}

/** What of an answer had come when its deadline passed (http-transport.ts): its status, its bytes read (its head's included, no 1xx head's before it), whether every byte was in. */
export interface AnswerBegun {
  status: number;
  bytes: number;
  whole?: true;
}

/**
 * A timeout's words: none of the answer, or how much of it came. A head then a dripped or stalled
 * body is not "no response": its owner looks for a stream that stalls, not a server that is down.
 */
function timedOut(timeoutMs: number, begun: AnswerBegun | undefined): string {
  if (begun === undefined) return `no complete response within ${timeoutMs} ms`;
  const { status, bytes, whole } = begun;
  if (whole === true) return `the answer (status ${status}, ${bytes} bytes) came whole, but was not decoded within ${timeoutMs} ms`;
  return `status ${status} and ${bytes} bytes of the answer came, not the rest, within ${timeoutMs} ms`;
}

export function classifyError(error: unknown, timeoutMs: number): TransportError {
  const err = (error ?? {}) as { code?: unknown; message?: unknown; errors?: unknown; begun?: unknown };
  // The system error's code, as an UnreachableError carries it (an AggregateError's from its first error).
  const code = systemErrorCode(error) ?? '';
  // OpenSSL's messages end in a line break ("…ssl3_record.c:354:\n"): one line, for the reports and the exit-3 line.
  // Layout's whitespace only (oneLine): a target's certificate CN is quoted in an altname error, and
  // its U+2028 or U+00A0 folded into a plain space could no longer be shown as what it was.
  const message = withoutOpenSslInternals(oneLine(aggregateMessage(err) ?? (typeof err.message === 'string' ? err.message : String(error))));
  // node:http's word for a body cut short (FIN or RST after the headers): the peer ended the exchange, a reset.
  if (/aborted/i.test(message) && (code === '' || code === 'ECONNRESET')) {
    return { kind: 'reset', message: 'the connection closed before the response was complete' };
  }
  const kind = byCode[code] ?? (/timeout/i.test(message) ? 'timeout' : /certificate|ssl|tls|CERT_|ERR_TLS/i.test(code + message) ? 'tls' : 'other');
  if (kind === 'timeout') {
    const begun = typeof err.begun === 'object' && err.begun !== null ? (err.begun as AnswerBegun) : undefined;
    return { kind, message: timedOut(timeoutMs, begun), ...(begun !== undefined ? { headCame: true as const, headStatus: begun.status } : {}) };
  }
  return { kind, message: code ? `${code}: ${message}` : message };
}
