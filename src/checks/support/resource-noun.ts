/**
 * What an operation's stories call the thing its path names: its last path parameter, less "Id", in
 * words ("senderId" → "sender", "phoneNumberId" → "phone number"). Operations are data: a story that
 * said "sender" of a path that names an agent or a message sent its reader after the wrong thing.
 * "resource" when the path names nothing.
 */
import type { OperationContract } from '../../model/operation';

export function resourceNoun(operation: Pick<OperationContract, 'pathParameters'>): string {
  const parameter = operation.pathParameters[operation.pathParameters.length - 1];
  if (parameter === undefined) return 'resource';
  const words = parameter
    .replace(/[_-]?ids?$/i, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words === '' ? 'resource' : words;
}

/** The noun with its indefinite article: "a sender", "an agent". */
export function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}
