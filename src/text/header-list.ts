/** The elements of an HTTP field's comma-separated list (RFC 9110 §5.6.1), as content-type and WWW-Authenticate read them. */

/**
 * The elements of a comma-separated list, split at the commas outside a quoted string (a quoted-pair
 * inside one escapes the character after it, RFC 9110 §5.6.4), each trimmed, empty ones dropped.
 * One pass, no regular expression: the field is the target's.
 */
export function listElements(value: string): string[] {
  const elements: string[] = [];
  let start = 0;
  let quoted = false;
  for (let at = 0; at < value.length; at += 1) {
    const character = value[at];
    if (quoted) {
      if (character === '\\') at += 1;
      else if (character === '"') quoted = false;
    } else if (character === '"') quoted = true;
    else if (character === ',') {
      elements.push(value.slice(start, at).trim());
      start = at + 1;
    }
  }
  elements.push(value.slice(start).trim());
  return elements.filter((element) => element !== '');
}
