/**
 * "accepted-message-not-refusal": a start's 202 does not say, in its `message`, one of the
 * operation's own documented refusals. The contract documents the 202 as "History sync initiated."
 * (and "Contacts sync initiated.") and WhatsAppSyncStartResponse.message as "Success message."; the
 * same operation documents "History sync is already in progress", "WhatsApp account is not active"
 * and the others as the messages of its 400s. A 202 carrying one says the start was both accepted
 * and refused: a client that shows the message tells its user the opposite of what the status did,
 * and a server whose refusal path falls through to the accepted answer (the message set, the status
 * left at 202) looks just so. Other wording is the server's own (examples are illustrative), so
 * only a documented refusal's words fail, as error-message-documented reads them (a number aside).
 *
 * In a run (the contract's every operation in the context), another operation's documented success
 * of the same status fails too, unless the operation's own says the same: a history start's 202
 * saying "Contacts sync initiated" tells its client the other part was started (one handler for
 * both parts, its word picked from the wrong one), as error-message-documented fails a refusal in
 * the words of a reason the state rules out.
 */
import type { Check, CheckContext } from '../model/check';
import type { Violation } from '../model/violation';
import { isRecord } from '../openapi/is-record';
import { judgedResponse } from './support/outside-contract';
import { parseJsonBody } from './support/parsed-body';
import { documentedMessages } from './support/documented-response';
import { findDocumentedResponse } from '../openapi/find-documented-response';
import { describeValue } from '../text/plain-text';
import { sameDocumentedWording } from '../text/comparable-message';

/** Longer than any documented refusal by far: a longer message is no refusal's words, and is not compared. */
const MAX_COMPARED_CHARS = 1_000;

export const acceptedMessageNotRefusalCheck: Check = {
  id: 'accepted-message-not-refusal',
  title: "A 2xx's message is not one of the operation's documented refusals, nor another operation's documented success",
  run(exchange, context) {
    const response = judgedResponse(exchange, context.expect);
    if (response === undefined || response.status < 200 || response.status > 299) return [];
    const parsed = parseJsonBody(response);
    if (!parsed.ok || !isRecord(parsed.value)) return [];
    const message = parsed.value['message'];
    if (typeof message !== 'string' || message.length > MAX_COMPARED_CHARS) return [];
    const refusal = documentedMessages(context.operation, 400).find((example) => sameDocumentedWording(example.message, message));
    if (refusal === undefined) return otherSuccess(context, response.status, message);
    const documented = findDocumentedResponse(context.operation, response.status)?.description.trim();
    const refusalName = refusal.name === undefined ? '400' : `400 ${refusal.name}`;
    // The documented words are quoted, not the received ones: a message read as a refusal's may
    // carry a request id after it (sameDocumentedWording), which is the target's, and not shown.
    return [
      {
        check: 'accepted-message-not-refusal',
        severity: 'error',
        title: `The ${response.status} says, in its message, that the request was refused`,
        message: `Received: ${response.status} whose message is the documented ${refusalName}'s (${describeValue(refusal.message)}) / Expected: a success message (${response.status}${documented ? ` "${documented}"` : ''}; WhatsAppSyncStartResponse.message is "Success message."): the status accepts what the message refuses`,
        instancePath: '/message',
      },
    ];
  },
};

/** A violation when `message` is, word for word, another operation's documented success of this status and not the operation's own. */
function otherSuccess(context: CheckContext, status: number, message: string): Violation[] {
  const own = documentedMessages(context.operation, status).map((example) => example.message);
  if (own.some((words) => sameDocumentedWording(words, message))) return [];
  for (const other of context.contract?.values() ?? []) {
    if (other.operationId === context.operation.operationId) continue;
    const said = documentedMessages(other, status).find((example) => sameDocumentedWording(example.message, message))?.message;
    if (said === undefined) continue;
    return [
      {
        check: 'accepted-message-not-refusal',
        severity: 'error',
        title: `The ${status} says, in its message, that another operation's request was accepted`,
        message: `Received: ${status} whose message is the documented ${status} of ${other.operationId} (${describeValue(said)}) / Expected: ${context.operation.operationId}'s own success${own[0] === undefined ? '' : ` (documented ${describeValue(own[0])})`}, or words of the server's own: the answer says another operation took effect`,
        instancePath: '/message',
      },
    ];
  }
  return [];
}
