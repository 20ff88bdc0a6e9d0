/** The "Expected: …" half of a schema violation, from ajv's message and params. */
import type { SchemaIssue } from '../../model/schema';
import { describeValue } from '../../text/plain-text';

/**
 * ajv's message already names the expectation for most keywords ("must be string", "must have
 * required property 'sync'"); the ones below only say "one of the allowed values" or "additional
 * properties", so their params are appended to make the message actionable on its own.
 */
export function expectedFromIssue(issue: SchemaIssue): string {
  const params = issue.params;
  switch (issue.keyword) {
    case 'enum':
      return `${issue.message}: one of ${describeValue(params['allowedValues'])}`;
    case 'const':
      return `${issue.message}: ${describeValue(params['allowedValue'])}`;
    case 'additionalProperties':
      return `${issue.message}: ${describeValue(params['additionalProperty'])}`;
    case 'type':
    case 'required':
    case 'format':
      return issue.message;
    default: {
      const shown = Object.keys(params).length === 0 ? '' : ` ${describeValue(params)}`;
      return `${issue.message}${shown}`;
    }
  }
}
