/** "error-message-documented": a 400 names one of the documented reasons (a warning; an error for a reason the state read before rules out). */
import type { Check, CheckContext } from '../model/check';
import type { OperationContract } from '../model/operation';
import type { Violation } from '../model/violation';
import { judgedResponse } from './support/outside-contract';
import { isRecord } from '../openapi/is-record';
import { findDocumentedResponse } from '../openapi/find-documented-response';
import { parseJsonBody } from './support/parsed-body';
import { describeValue, excerpt } from '../text/plain-text';
import { sameDocumentedWording } from '../text/comparable-message';

interface ErrorExample {
  code: string;
  message: string;
}

/** A documented 400 example with its name ("in_progress"). */
interface NamedErrorExample extends ErrorExample {
  name: string;
}

/**
 * Examples are illustrative, not normative, so a different wording is a warning: it tells the
 * reader the target refused for a reason other than the one the scenario sets up (principle 5)
 * without failing a server that merely phrases it differently. A quantity is no other reason: the
 * limit's "wait 24 hours" said as the time left ("wait 23 hours", "wait 45 minutes") is the
 * documented message. Nor is the code: the Error schema types it as any string (its own example
 * is invalid_request, not the examples' bad_request), and every documented 400 shares one code, so
 * the message is what tells the reasons apart; a code of the server's own warns of nothing. A
 * missing or non-string code or message is left to "response-schema", which reports it against
 * the Error schema.
 */
export const errorMessageDocumentedCheck: Check = {
  id: 'error-message-documented',
  title: 'A 400 error carries the documented code/message of the reason the scenario sets up',
  run(exchange, context) {
    const response = judgedResponse(exchange, context.expect);
    if (response === undefined || response.status !== 400) return [];
    const expected = context.expect.examples;
    if (expected === undefined) return [];
    const parsed = parseJsonBody(response);
    if (!parsed.ok || !isRecord(parsed.value)) return [];
    const { code, message } = parsed.value;
    if (typeof code !== 'string' || typeof message !== 'string') return [];
    const ownExamples = namedExamples(context.operation);
    const documentedExamples = [...ownExamples, ...generalWordings(context, ownExamples)];
    // The examples the scenario (or the model) names: "no_waba", "in_progress"…; messages list the operation's own.
    const examples = documentedExamples.filter((example) => expected.includes(example.name));
    const shown = ownExamples.filter((example) => expected.includes(example.name));
    // Nothing documented to compare with: no evidence either way.
    if (examples.length === 0) return [];
    if (examples.some((example) => sameDocumentedWording(example.message, message))) return [];
    const ruledOut = context.expect.examplesFromState === true ? documentedExamples.find((example) => sameDocumentedWording(example.message, message)) : undefined;
    if (ruledOut !== undefined) return [falseReason(ruledOut, code, expected, shown)];
    const documented = examplesShown(shown);
    return [
      {
        check: 'error-message-documented',
        severity: 'warning',
        title: 'The 400 error is not one of the documented reasons',
        message: `Received: ${excerpt(code, 100)} ${describeValue(message)} / Expected: ${expected.length > 1 ? 'one of the documented examples' : 'the documented example'} ${expected.join(' or ')}: ${documented}`,
        instancePath: '',
      },
    ];
  },
};

/**
 * The documented words of a reason the state read just before rules out (context.expect.examplesFromState):
 * "History sync is already in progress" for a part read at rest on an account not active, "Sender does
 * not have a WhatsApp Business Account connected" for a sender read connected in coexistence mode, "History
 * sync is only available for coexistence accounts" for a sender whose read was refused as having no WABA. The
 * contract names each 400 example by its reason ("Sync in progress", "No WABA connected"), and as
 * accepted-message-not-refusal reads a 202, those words are that reason: the answer tells its client,
 * in the contract's own words, a reason that is false, and a client that branches on the message acts
 * on it (waits for a sync that is not running, asks its user to connect a WABA they have). An error, so
 * the case fails; another wording stays a warning (illustrative examples), and a reason the state allows
 * passes. The documented words are quoted, not the received ones: a request id after them is the target's.
 */
function falseReason(said: NamedErrorExample, code: string, expected: readonly string[], allowed: readonly NamedErrorExample[]): Violation {
  const documented = examplesShown(allowed);
  return {
    check: 'error-message-documented',
    severity: 'error',
    title: 'The 400 error gives, in its documented words, a reason the state read before rules out',
    message: `Received: ${excerpt(code, 100)} whose message is the documented 400 ${said.name}'s (${describeValue(said.message)}) / Expected: ${expected.join(' or ')}, the refusals the state read just before allows (${documented}): ${said.name} is not among them, so the message tells the client a false reason`,
    instancePath: '/message',
  };
}

/** The examples as both messages show them: 'bad_request "Sync limit reached…"; …'. */
function examplesShown(examples: readonly ErrorExample[]): string {
  return examples.map((example) => `${example.code} ${describeValue(example.message)}`).join('; ');
}

/** The named 400 examples one operation documents: "no_waba" and its words… */
function namedExamples(operation: OperationContract): NamedErrorExample[] {
  return (findDocumentedResponse(operation, 400)?.examples ?? []).flatMap((example) => (example.name !== undefined && isErrorExample(example.value) ? [{ name: example.name, ...example.value }] : []));
}

/**
 * With the contract at hand, another operation's 400 example of the same reason worded as this
 * one's with its qualifier left out: the read's not_coexistence "Sync is only available for
 * coexistence accounts" is a start's "History sync is only available…" said of every sync. A
 * server that words a reason one way for every operation (one error helper) says it in the
 * contract's own words, no reason of its own. The other start's
 * words ("Contacts sync is…" on a history start) name another part, and a sibling's reason this
 * operation does not document is not this one's: both stay undocumented here.
 */
function generalWordings(context: CheckContext, own: readonly NamedErrorExample[]): NamedErrorExample[] {
  const others = [...(context.contract?.values() ?? [])].filter((operation) => operation.operationId !== context.operation.operationId).flatMap(namedExamples);
  // Exactly the first word less ("History " of "History sync is…"): a shorter tail ("accounts", "", "ounts")
  // would let a sibling's stray example pass a word or nothing as the reason.
  const general = (sibling: NamedErrorExample): boolean =>
    own.some((example) => {
      const mine = example.message.toLowerCase();
      const theirs = sibling.message.toLowerCase();
      return example.name === sibling.name && theirs.trim() !== '' && mine.endsWith(theirs) && /^\S+ $/.test(mine.slice(0, mine.length - theirs.length));
    });
  return others.filter(general);
}

function isErrorExample(value: unknown): value is ErrorExample {
  return isRecord(value) && typeof value['code'] === 'string' && typeof value['message'] === 'string';
}
