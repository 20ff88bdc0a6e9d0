/**
 * The spec file as the suite reads and fingerprints it: its bytes with what a checkout or an
 * editor changes and the contract does not taken out. Its sha256 is the contract's identity in
 * every report, history record, baseline, certificate and recording (specSha256).
 *
 * Of the bytes, not of a parsed form: a file already in this form (no BOM, LF, at most one final
 * newline: the shipped spec, the shared full description) keeps the sha256 of its bytes, which
 * every record written so far holds, so old history and baselines still read as the same contract.
 *
 * - A UTF-8 byte order mark: an editor's, never the contract's (the parser skips it anyway).
 * - CRLF → LF: git's autocrlf makes one runner's checkout CRLF and another's LF. YAML reads either
 *   as one line break, in block and quoted scalars alike, and JSON allows a CR only as whitespace.
 *   A lone CR (an old Mac editor's line ending) → LF too: YAML 1.2 reads it as a line break as well
 *   (b-break), and JSON as whitespace. A file with no CR in it (the shipped spec) is untouched.
 * - Blank lines (spaces and tabs among them) after the last line → none: an editor's, or a paste's.
 *   The last line's own trailing spaces stay (in a literal block scalar they are its text). A final newline's
 *   presence still counts: made always present or always absent, the sha256 of every file written
 *   the other way would change once for all, and no checkout adds or removes one.
 *
 * The suite parses this text, not the file's, so one sha256 is one document judged (a `|+`
 * scalar at the very end loses its extra trailing newlines alike in every checkout).
 */

/** The UTF-8 byte order mark, in the one-byte-per-character view below. */
const BOM = '\u00ef\u00bb\u00bf';

/** The spec's text as bytes: BOM removed, CRLF and lone CR as LF, the blank lines after the last line removed. */
export function specText(bytes: Buffer): Buffer {
  // latin1 maps each byte to one character and back, so bytes that are not UTF-8 (which a hash of
  // decoded text would turn into U+FFFD) keep their sha256, and only the three rules touch anything
  // (0x0D is never part of a multi-byte UTF-8 character, so a CR byte is always a CR).
  const text = bytes.toString('latin1');
  const body = text.startsWith(BOM) ? text.slice(BOM.length) : text;
  return Buffer.from(withoutTrailingBlankLines(body.replace(/\r\n?/g, '\n')), 'latin1');
}

/**
 * The text up to and with the newline that ends its last line with any content. Walked back from
 * the end by hand: a regular expression like /\n[ \t\n]*$/ tries every newline of the file, and
 * over a long run of blank lines (a 64 MiB spec may be one) that is quadratic.
 */
function withoutTrailingBlankLines(text: string): string {
  let end = text.length;
  while (end > 0 && ' \t\n'.includes(text.charAt(end - 1))) end -= 1;
  const newline = text.indexOf('\n', end);
  return newline === -1 ? text : text.slice(0, newline + 1);
}
