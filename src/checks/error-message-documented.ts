/** "error-message-documented": a 400 names one of the documented reasons (warning only). */
import type { Check } from '../model/check';
import { judgedResponse } from './support/outside-contract';
import { isRecord } from '../openapi/is-record';
import { findDocumentedResponse } from './support/documented-response';
import { parseJsonBody } from './support/parsed-body';
import { describeValue, excerpt } from '../text/plain-text';
import { sameDocumentedWording } from '../text/comparable-message';

interface ErrorExample {
  code: string;
  message: string;
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
    // The examples the scenario (or the model) names: "no_waba", "in_progress"…
    const examples = (findDocumentedResponse(context.operation, 400)?.examples ?? [])
      .filter((example) => example.name !== undefined && expected.includes(example.name))
      .map((example) => example.value)
      .filter(isErrorExample);
    // Nothing documented to compare with: no evidence either way.
    if (examples.length === 0) return [];
    if (examples.some((example) => sameDocumentedWording(example.message, message))) return [];
    const documented = examples.map((example) => `${example.code} ${describeValue(example.message)}`).join('; ');
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

function isErrorExample(value: unknown): value is ErrorExample {
  return isRecord(value) && typeof value['code'] === 'string' && typeof value['message'] === 'string';
}
