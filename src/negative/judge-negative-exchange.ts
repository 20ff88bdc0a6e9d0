/**
 * A ready-made judge for runNegativeProperty: one exchange against its NegativeExpectation.
 * It answers the property's only question (did this input break the contract?) in one line;
 * the full checks still run when the failing input is replayed as a case.
 */
import type { Exchange, SchemaValidator } from '../model';
import type { NegativeExpectation } from './negative-expectation';

export interface NegativeVerdict {
  ok: boolean;
  /** One line: what came back, and why that is (not) acceptable. */
  summary: string;
}

/** True when the body is an Error: by the schema when a validator is given, else by shape ({code, message} strings). */
function isErrorBody(bodyText: string, schemas: SchemaValidator | undefined): boolean {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return false;
  }
  if (schemas?.has('Error')) return schemas.validate('Error', body).length === 0;
  const record = body as { code?: unknown; message?: unknown } | null;
  return typeof record === 'object' && record !== null && typeof record.code === 'string' && typeof record.message === 'string';
}

/**
 * Fails a transport error (a dropped connection or timeout is a crash seen from outside), a 5xx,
 * a status the expectation neither accepts nor warns about, and an accepted 4xx without an
 * Error body. A warnOn status passes, with the warning in the summary.
 */
export function judgeNegativeExchange(exchange: Exchange, expect: NegativeExpectation, schemas?: SchemaValidator): NegativeVerdict {
  const { error, response } = exchange;
  if (error !== undefined) return { ok: false, summary: `transport error ${error.kind}: ${error.message}` };
  if (response === undefined) return { ok: false, summary: 'no response and no transport error' };
  const status = response.status;
  // Only the start of the body came: judging its shape would blame the fragment, not the size.
  if (response.truncated) return { ok: false, summary: `${status} with a body over the ${response.truncated.limitBytes}-byte bound (--max-body-bytes)` };
  const accepted = [expect.status, ...(expect.alsoAccept ?? [])];
  if (status >= 500) return { ok: false, summary: `${status}: a server error (expected ${accepted.join(' or ')})` };
  if (accepted.includes(status)) {
    if (status >= 400 && !isErrorBody(response.bodyText, schemas)) return { ok: false, summary: `${status} without an Error body` };
    return { ok: true, summary: `${status} as expected` };
  }
  if (expect.warnOn?.includes(status)) return { ok: true, summary: `warning: ${status} is correct HTTP but not the contract's answer (expected ${accepted.join(' or ')})` };
  return { ok: false, summary: `${status}: expected ${accepted.join(' or ')} because ${expect.because}` };
}
