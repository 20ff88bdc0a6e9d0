/**
 * A content-coding left on a body: one the live transport does not undo, so the request did not
 * list it in Accept-Encoding. Its bytes are then no fault of their own (not UTF-8, not JSON): the
 * coding is, a server SHOULD send a coding the request accepted or none (RFC 9110 §12.5.3), and a
 * client that did not ask for it cannot read the answer.
 */
import { ACCEPTED_CODINGS } from '../../model/http';

/** What the transport undoes: the accepted codings, gzip's old name (RFC 9110 §8.4.1.3) and no coding at all. */
const UNDONE: ReadonlySet<string> = new Set([...ACCEPTED_CODINGS.split(',').map((coding) => coding.trim()), 'x-gzip', 'identity']);

/** The first coding of a Content-Encoding value (as written) that is left on the body, or undefined. */
export function undecodedCoding(contentEncoding: string | undefined): string | undefined {
  return (contentEncoding ?? '')
    .split(',')
    .map((coding) => coding.trim())
    .find((coding) => coding !== '' && !UNDONE.has(coding.toLowerCase()));
}
