/**
 * What an operation's stories call the thing its path names: its last path parameter, less "Id", in
 * words ("senderId" → "sender", "phoneNumberId" → "phone number"). Operations are data: a story that
 * said "sender" of a path that names an agent or a message sent its reader after the wrong thing.
 * "resource" when the path names nothing.
 */
import type { OperationContract } from '../../model/operation';

/**
 * Most characters of a noun. The parameter's name is the spec's, which is the user's input: kept to
 * letters, digits and single spaces and cut here, it reads as words in every report and fits the
 * pattern auth-order reads it back with (status-story.ts `twoReadingsIn`).
 */
export const NOUN_LIMIT = 40;

/** "Id" as a suffix only ("senderId", "phoneNumberID", "sender_id", "id" alone), never the end of a word ("uuid", "paid"). */
const ID_SUFFIX = /(?:(?:^|_)[iI]|(?<=[\p{Ll}\p{N}])I)[dD]s?$/u;

export function resourceNoun(operation: Pick<OperationContract, 'pathParameters'>): string {
  const parameter = operation.pathParameters[operation.pathParameters.length - 1];
  if (parameter === undefined) return 'resource';
  const words = parameter
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(ID_SUFFIX, '')
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2')
    .replace(/_+/g, ' ')
    .trim()
    .toLowerCase()
    .slice(0, NOUN_LIMIT)
    .trim();
  return words === '' ? 'resource' : words;
}

