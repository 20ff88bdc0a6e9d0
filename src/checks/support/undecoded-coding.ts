/**
 * A content-coding left on a body: one the live transport does not undo, so the request did not
 * list it in Accept-Encoding. Its bytes are then no fault of their own (not UTF-8, not JSON): the
 * coding is, a server SHOULD send a coding the request accepted or none (RFC 9110 §12.5.3), and a
 * client that did not ask for it cannot read the answer.
 */
import { isDecodedCoding } from '../../model/http';

/** The first coding of a Content-Encoding value (as written) that is left on the body, or undefined. */
export function undecodedCoding(contentEncoding: string | undefined): string | undefined {
  return (contentEncoding ?? '')
    .split(',')
    .map((coding) => coding.trim())
    // The transport's own set (model/http.ts), and identity: no coding at all, nothing left on the body.
    .find((coding) => coding !== '' && coding.toLowerCase() !== 'identity' && !isDecodedCoding(coding.toLowerCase()));
}
