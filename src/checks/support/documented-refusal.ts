/**
 * A refusal the operation documents, recognised in an answer of another status. The starts
 * document their sync limit and a sync in progress as 400s (`rate_limit`, `in_progress`); a server
 * that sends that very refusal as 429 ("Sync limit reached. Please wait 24 hours…" reads like rate
 * limiting) looks like the platform's limiter to every client, which retries it (the official SDK
 * retries 429) instead of reading the refusal. The evidence is the documented message itself, in its
 * documented words (sameDocumentedWording: its quantities, spacing and final full stop set aside, as
 * error-message-documented reads it, so "Please wait 23 hours…" is the 24 hours example): a limiter
 * in front of the API does not know the operation's words, so its 429 stays the limiter's,
 * unjudged (checks/rate-limited.ts).
 */
import type { HttpResponse } from '../../model/http';
import type { OperationContract } from '../../model/operation';
import { isRecord } from '../../openapi/is-record';
import { sameDocumentedWording } from '../../text/comparable-message';
import { bodyMessage } from './parsed-body';

export interface DocumentedRefusal {
  /** The documented status whose example it is, e.g. 400. */
  status: number;
  /** The example's name, e.g. "rate_limit". */
  name: string;
  message: string;
}

/** The documented 4xx example whose `message` this answer of another status carries, or undefined. */
export function documentedRefusal(response: HttpResponse, operation: Pick<OperationContract, 'responses'>): DocumentedRefusal | undefined {
  return refusalCarried(response, operation, (status) => status !== response.status);
}

/**
 * The documented example of the answer's own 4xx status whose `message` it carries (a 400 that is
 * the start's `in_progress`), or undefined: which refusal a request was given, as the API gives it.
 */
export function documentedRefusalOfItsStatus(response: HttpResponse, operation: Pick<OperationContract, 'responses'>): DocumentedRefusal | undefined {
  return refusalCarried(response, operation, (status) => status === response.status);
}

function refusalCarried(response: HttpResponse, operation: Pick<OperationContract, 'responses'>, statusFits: (status: number) => boolean): DocumentedRefusal | undefined {
  const message = bodyMessage(response)?.trim();
  if (message === undefined) return undefined;
  for (const documented of operation.responses) {
    const status = Number(documented.status);
    if (!/^4\d\d$/.test(documented.status.trim()) || !statusFits(status)) continue;
    for (const example of documented.examples) {
      if (example.name !== undefined && isRecord(example.value) && typeof example.value['message'] === 'string' && sameDocumentedWording(example.value['message'], message)) return { status, name: example.name, message };
    }
  }
  return undefined;
}
