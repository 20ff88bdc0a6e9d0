/**
 * A database's, a cache's or a broker's connection URL in free text (postgres://app:secret@db:5432/x,
 * jdbc:sqlserver://db:1433;user=sa;password=…), described without its credentials: which kind it is,
 * whether it carries a user or a password, and the host it points to. The host of an internal
 * network is what an answer should not show; the credentials are worse, and a report must not
 * spread them further (it is read by more people than the server's logs), so they are never quoted.
 */

/** The schemes, by the kind each names; a driver's suffix ("postgresql+psycopg2") is the same kind. */
const KINDS: readonly { scheme: RegExp; kind: string }[] = [
  { scheme: /^postgres(?:ql)?\b/i, kind: 'a PostgreSQL connection URL' },
  { scheme: /^mysql\b/i, kind: 'a MySQL connection URL' },
  { scheme: /^mariadb\b/i, kind: 'a MariaDB connection URL' },
  { scheme: /^mongodb\b/i, kind: 'a MongoDB connection URL' },
  { scheme: /^rediss?\b/i, kind: 'a Redis connection URL' },
  { scheme: /^amqps?\b/i, kind: 'an AMQP broker URL' },
  { scheme: /^(?:mssql|sqlserver)\b/i, kind: 'a SQL Server connection URL' },
  { scheme: /^jdbc:/i, kind: 'a JDBC connection URL' },
];

/**
 * Where such a URL starts, and the run of URL characters after it (at most 512: a longer one is cut,
 * not scanned). A scheme starts only where a run of scheme characters starts (the lookbehind), so
 * "mypostgres://" is not one and a long run of letters is not tried from each of its letters. JDBC's
 * sub-protocol ("jdbc:oracle:thin:") needs no "//"; the others do, and then a character of a host or a
 * user-info, so a scheme named in prose ("redis://" alone) is not a URL.
 */
const CONNECTION_URL =
  /(?<![A-Za-z0-9+.-])(jdbc:[a-z][a-z0-9]{0,19}:(?:[a-z][a-z0-9]{0,19}:)?|(?:postgres|postgresql|mysql|mariadb|mongodb|rediss?|amqps?|mssql|sqlserver)(?:\+[a-z0-9]{1,20})?:\/\/(?=[\w.~%:@[-]))([^\s"'<>`{}|]{0,512})/i;

/** A credential carried as a parameter (JDBC's ";user=sa;password=…", a query's "?password=…"). */
const CREDENTIAL_PARAMETER = /[;?&](?:user|username|password|pwd)=/i;

/**
 * The host (a name, an IPv4 address or a bracketed IPv6 one) and port that start the rest, ending
 * where a path, a query, a parameter or a second host starts: anything else (a ":" and letters) may
 * be a user-info cut short, and is not shown.
 */
const HOST_AND_PORT = /^(?:[A-Za-z0-9._~%-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?(?=$|[/?#;,])/;
const HOST_AND_PORT_THEN_COLON = /^(?:[A-Za-z0-9._~%-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?(?=$|[/?#;,:])/;

/** What a connection URL in `text` is and a form of it to show (scheme, host, port; the credentials as "[credentials hidden]"); undefined when there is none. */
export function connectionUrlIn(text: string): { what: string; seen: string } | undefined {
  const match = CONNECTION_URL.exec(text);
  return match === null ? undefined : described(text, match);
}

/**
 * `text` with every connection URL in it replaced by the form connectionUrlIn shows: another sign's
 * text (an exception's message before its first frame: "…Exception: cannot connect to
 * postgres://app:secret@db…") quotes what the server wrote, a URL and its credentials included.
 * What may be the rest of a password cut short (up to the "@" that follows) goes with it.
 */
export function withoutConnectionCredentials(text: string): string {
  const all = new RegExp(CONNECTION_URL.source, 'gi');
  let shown = '';
  let from = 0;
  for (let match = all.exec(text); match !== null; match = all.exec(text)) {
    const url = described(text, match);
    shown += text.slice(from, match.index) + url.seen;
    from = match.index + match[0].length + url.cutTail;
    all.lastIndex = Math.max(from, all.lastIndex + (match[0].length === 0 ? 1 : 0));
  }
  return shown + text.slice(from);
}

function described(text: string, match: RegExpExecArray): { what: string; seen: string; cutTail: number } {
  const scheme = match[1] ?? '';
  const rest = match[2] ?? '';
  const kind = KINDS.find((k) => k.scheme.test(scheme))?.kind ?? 'a connection URL';
  // JDBC's "//" belongs to what follows the sub-protocol; shown as it came.
  const slashes = /^\/\//.test(rest) ? '//' : '';
  const afterSlashes = rest.slice(slashes.length);
  // The last "@" ends the user-info: a password may hold "@" or "/" unescaped.
  const at = afterSlashes.lastIndexOf('@');
  const userInfo = at >= 0 ? afterSlashes.slice(0, at) : '';
  // Past an "@", a host may end at a ":" (Oracle's "@host:1521:sid"); without one, "app:secret" must not read as host "app".
  const host = at >= 0 ? HOST_AND_PORT_THEN_COLON.exec(afterSlashes.slice(at + 1))?.[0] : HOST_AND_PORT.exec(afterSlashes)?.[0];
  // Without an "@", the run may be a user and password cut short (at a quote or a space in the password, "app:1234/x\"y@db"):
  // when what is read is no host, or an "@" follows the run closely, it is taken as credentials and never shown.
  const after = text.slice(match.index + match[0].length, match.index + match[0].length + 65);
  const noHost = at < 0 && host === undefined && afterSlashes.includes(':');
  const atFollows = at < 0 && !noHost && /^[^\r\n@]{0,64}@/.test(after);
  const cutShort = noHost || atFollows;
  const credentials = userInfo !== '' || noHost || CREDENTIAL_PARAMETER.test(afterSlashes);
  const seen = `${scheme}${slashes}${userInfo !== '' || cutShort ? '[credentials hidden]' : ''}${at >= 0 ? '@' : ''}${cutShort ? '' : (host ?? '')}`;
  // How much of what follows the run is what may be the rest of the credentials (through the "@").
  const cutTail = atFollows ? (/^[^\r\n@]{0,64}@/.exec(after)?.[0].length ?? 0) : 0;
  return { what: credentials ? `${kind} with its credentials` : atFollows ? `${kind} with what may be its credentials` : kind, seen, cutTail };
}
