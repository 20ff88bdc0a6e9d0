/**
 * The documented example an answer gives in its own status's words: the reason a refusal told, as
 * the contract names it ("no_waba"). What a model predicts the next write from when the state read
 * before is itself a refusal (the status read of a sender without a WABA is a 400): the words are
 * the evidence of which documented reason the target gave, read as error-message-documented reads
 * them (sameDocumentedWording: quantities, spacing, a final full stop and a request id after them set aside).
 */
import type { HttpResponse } from '../../model/http';
import type { OperationContract } from '../../model/operation';
import { isRecord } from '../../openapi/is-record';
import { sameDocumentedWording } from '../../text/comparable-message';
import { documentedMessages } from './documented-response';
import { parseJsonBody } from './parsed-body';

/** The name of the example of `response`'s own documented status whose message it carries, or undefined. */
export function toldExample(response: HttpResponse, operation: OperationContract): string | undefined {
  const examples = documentedMessages(operation, response.status);
  if (examples.length === 0) return undefined;
  const parsed = parseJsonBody(response);
  if (!parsed.ok || !isRecord(parsed.value) || typeof parsed.value['message'] !== 'string') return undefined;
  const message = parsed.value['message'];
  return examples.find((example) => example.name !== undefined && sameDocumentedWording(example.message, message))?.name;
}
