/**
 * A shell-safe curl that reproduces a request. The configured key never appears: it is written as
 * "$ZAVU_API_KEY" (inside double quotes, so the shell expands it), everything else is single-quoted.
 */
import type { AuthVariant, HttpRequest } from '../model';

/** Single-quotes a string for POSIX shells. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function authArgument(variant: AuthVariant, headerValue: string | undefined): string | undefined {
  switch (variant) {
    case 'valid':
      return '-H "Authorization: Bearer $ZAVU_API_KEY"';
    case 'no-scheme':
      return '-H "Authorization: $ZAVU_API_KEY"';
    case 'basic':
      return '-u "$ZAVU_API_KEY:"';
    case 'lowercase-bearer':
      return '-H "Authorization: bearer $ZAVU_API_KEY"';
    case 'extra-spaces':
      return '-H "Authorization: Bearer   $ZAVU_API_KEY  "';
    case 'control-chars':
      return `-H "Authorization: Bearer \${ZAVU_API_KEY:0:8}"$'\\t'"\${ZAVU_API_KEY:8}"$'\\x85'`;
    case 'wrong-checksum':
      // Derived from the key, so shown as a shell expression rather than the value.
      return `-H "Authorization: Bearer \${ZAVU_API_KEY%????}${headerValue?.endsWith('1111') ? '1111' : '0000'}"`;
    case 'none':
      return undefined;
    case 'wrong-key':
    case 'empty-bearer':
    case 'long-token':
      // Not secrets: a random unknown key or an empty token.
      return headerValue === undefined ? undefined : `-H ${shellQuote(`Authorization: ${headerValue}`)}`;
  }
}

export function formatCurl(request: HttpRequest): string {
  const parts = ['curl', '-sS', '-i', '-X', request.method];
  for (const [name, value] of Object.entries(request.headers)) {
    if (name === 'authorization') continue;
    parts.push('-H', shellQuote(`${name}: ${value}`));
  }
  const auth = authArgument(request.authVariant, request.headers['authorization']);
  if (auth) parts.push(auth);
  // --globoff and --path-as-is: send odd ids exactly as the suite did ("[", "..", "%2F").
  parts.push('--globoff', '--path-as-is', shellQuote(request.url));
  return parts.join(' ');
}
