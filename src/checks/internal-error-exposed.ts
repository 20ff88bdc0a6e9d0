/**
 * "internal-error-exposed": no answer shows the server's internals: a database's own error (an
 * SQL parser's "syntax error at or near", SQLSTATE, ORA-…), a stack trace (Node, Python, Java, .NET, Go,
 * Ruby, PHP), the SQL statement the server ran, or a database's, cache's or broker's connection URL.
 * A database error in a 400 to an id with a quote is the injection seen from outside (the id
 * reached a query as text), whatever status wraps it; a stack trace names files, versions and code
 * paths an attacker reads; a query names tables and columns and shows how the input reached it, and a
 * connection URL names an internal host and often its user and password (CWE-209). None is a reason the
 * contract documents, and an Error's free-form `details` is where a debug handler puts them. Judged on
 * every answer, a router's and a 5xx included, on the body's first 16 KiB: where a message and its trace
 * start. A connection URL is shown by its kind and host, never by its credentials.
 */
import type { Check } from '../model/check';
import { excerpt } from '../text/plain-text';
import { connectionUrlIn, withoutConnectionCredentials } from './support/connection-url';

/** How much of a body is read for the signs: an error's message and trace start at the top. */
const READ_CHARS = 16_384;

/*
 * A raw SQL statement, by its structure, not its words: "select a sender from the list", "update your
 * settings" and "delete from your account" are English. An identifier is bare or quoted as each engine
 * quotes it ("x", `x`, [x]), perhaps qualified (schema.table.column); a condition is an identifier and an
 * operator ("id = ", "id IN (", "x IS NULL"). Every quantifier is bounded and none is nested in an
 * unbounded one, and each identifier ends where a separator starts (no two ways to split a run), so a
 * start costs a bounded scan: a hostile body's 16 KiB is read in linear time.
 */
const BARE = '[A-Za-z_][\\w$]{0,63}';
const QUOTED = '(?:"[A-Za-z_][\\w$ ]{0,63}"|`[A-Za-z_][\\w$ ]{0,63}`|\\[[A-Za-z_][\\w$ ]{0,63}\\])';
const IDENT = `(?:${QUOTED}|${BARE})`;
const QUALIFIED = `${IDENT}(?:\\.${IDENT}){0,2}`;
/** A column as a select list names it: "*", "t.*", a qualified name, a call ("COUNT(*)"), perhaps "AS alias". */
const STRONG_COLUMN = `(?:\\*|${QUOTED}(?:\\.(?:${IDENT}|\\*)){1,2}|${BARE}(?:\\.(?:${IDENT}|\\*)){1,2}|${BARE}\\([^()\\n]{0,60}\\))(?:\\s{1,5}AS\\s{1,5}${IDENT})?`;
/** A lone quoted name ("id", `id`, [id]): prose quotes a word so too ('select "WhatsApp" from the list', an echoed id), so it is strong only before a quoted table. */
const QUOTED_COLUMN = `${QUOTED}(?:\\s{1,5}AS\\s{1,5}${IDENT})?`;
const COLUMN = `(?:${STRONG_COLUMN}|${QUOTED_COLUMN}|${BARE}(?:\\s{1,5}AS\\s{1,5}${IDENT})?)`;
const MORE_COLUMNS = `(?:\\s{0,5},\\s{0,5}${COLUMN}){0,100}`;
const CONDITION = `${QUALIFIED}\\s{0,5}(?:=|<>|!=|<=|>=|<|>|\\s(?:NOT\\s{1,5})?(?:IN\\s{0,5}\\(|I?LIKE\\s|IS\\s{1,5}(?:NOT\\s{1,5})?NULL\\b|BETWEEN\\s))`;
const FROM = `\\s{1,5}FROM\\s{1,5}${QUALIFIED}`;
const SQL_STATEMENT = new RegExp(
  [
    // A select list no prose has ("*", "t.id", a quoted "id", "COUNT(*)") makes FROM and a table enough.
    `\\bSELECT\\s{1,5}(?:DISTINCT\\s{1,5})?${STRONG_COLUMN}${MORE_COLUMNS}${FROM}`,
    // A quoted name first ("id", `id`, [id]) and a quoted table: as an ORM quotes both; prose quotes a label and names no table so.
    `\\bSELECT\\s{1,5}(?:DISTINCT\\s{1,5})?${QUOTED_COLUMN}${MORE_COLUMNS}\\s{1,5}FROM\\s{1,5}${QUOTED}`,
    // Plain words ("select one from inbox") need a condition, a join, an order or a limit after the table.
    `\\bSELECT\\s{1,5}(?:DISTINCT\\s{1,5})?${COLUMN}${MORE_COLUMNS}${FROM}(?:\\s{1,5}AS\\s{1,5}${IDENT})?\\s{1,5}(?:WHERE\\s{1,5}${CONDITION}|(?:(?:INNER|LEFT|RIGHT|FULL|CROSS)\\s{1,5}(?:OUTER\\s{1,5})?)?JOIN\\s{1,5}${QUALIFIED}\\s{1,5}(?:AS\\s{1,5}${IDENT}\\s{1,5})?ON\\s|(?:ORDER|GROUP)\\s{1,5}BY\\s{1,5}${QUALIFIED}|LIMIT\\s{1,5}[\\d$?:@])`,
    `\\bINSERT\\s{1,5}INTO\\s{1,5}${QUALIFIED}\\s{0,5}(?:\\([^()\\n]{0,500}\\)\\s{0,5})?VALUES\\s{0,5}\\(`,
    `\\bUPDATE\\s{1,5}${QUALIFIED}\\s{1,5}SET\\s{1,5}${QUALIFIED}\\s{0,5}=`,
    `\\bDELETE\\s{1,5}FROM\\s{1,5}${QUALIFIED}\\s{1,5}WHERE\\s{1,5}${CONDITION}`,
  ].join('|'),
  'i',
);

/** What each sign is, and the text that shows it; each specific to one engine or runtime, so a server's own words do not match. */
const SIGNS: readonly { what: string; pattern: RegExp }[] = [
  { what: "a PostgreSQL parser's error", pattern: /syntax error at (?:or near|end of input)|unterminated quoted (?:string|identifier) at or near/ },
  { what: 'an SQLSTATE code', pattern: /SQLSTATE\[?\s*[0-9A-Z]{5}\b/ },
  { what: "MySQL's syntax error", pattern: /You have an error in your SQL syntax/ },
  { what: 'an Oracle error', pattern: /\bORA-\d{5}\b/ },
  { what: 'an SQLite error', pattern: /\bSQLITE_(?:ERROR|CONSTRAINT|MISMATCH)\b|near "[^"]{1,40}": syntax error/ },
  // SQL Server quotes the token it stopped at: "Incorrect syntax near 'x'." (a server's own "incorrect syntax near the id" is not it).
  { what: "SQL Server's error", pattern: /Unclosed quotation mark after the character string|Incorrect syntax near '/ },
  { what: "a database driver's error", pattern: /\b(?:PG::\w+Error|psycopg2?\.errors?\.\w+|SequelizeDatabaseError|PrismaClient\w*Error|QueryFailedError|org\.hibernate\.\w+|java\.sql\.SQL\w*Exception)\b/ },
  { what: 'a raw SQL statement', pattern: SQL_STATEMENT },
  // [ \t]*, not \s*: a run of line breaks must not make every one of them a start scanning all the rest.
  { what: 'a Node.js stack trace', pattern: /\n[ \t]*at (?:[\w$.<>[\] ]+ \()?(?:\/|[A-Za-z]:\\|node:|file:\/\/)[^)\s]*:\d+:\d+\)?/ },
  { what: 'a Python traceback', pattern: /Traceback \(most recent call last\)/ },
  // A class name of at most 120 characters: unbounded, "java.java.java…" would make each start scan all the rest.
  { what: 'a Java stack trace', pattern: /\b(?:java|javax|jakarta|org\.springframework)\.[\w.$]{1,120}?(?:Exception|Error)\b[^\n]{0,200}\n[ \t]*at [\w.$<>]+\(/ },
  // ex.ToString() in a .NET answer: a System.* exception and its first frame, or a frame with its source file and line.
  // Each anchored on a fixed text ("System.", ") in ", ".go:", ".rb:", a "/" before a file name) and bounded, as above.
  { what: 'a .NET stack trace', pattern: /\bSystem\.[\w.]{1,120}?Exception\b[^\n]{0,200}\n[ \t]*at [\w.`<>$+]+\(|\) in [^\n]{1,200}?\.cs:line \d+/ },
  { what: 'a Go panic or stack trace', pattern: /\bgoroutine \d+ \[[\w ,]{1,40}\]:|\bpanic: runtime error:|[\w-]\.go:\d+ \+0x[0-9a-f]+\b/ },
  { what: 'a Ruby backtrace', pattern: /\.rb:\d+:in [`'][^'\n]{1,120}'/ },
  // A PHP trace as text (#0 /app/x.php(42): …, "in /app/x.php on line 42") or as a framework's debug JSON (Laravel's, Symfony's: "file":"/app/x.php","line":42).
  { what: 'a PHP stack trace', pattern: /\/[\w.-]{1,100}\.php(?:\(\d+\)|" ?, ?"line" ?: ?\d+| on line \d+)/ },
];

/** A statement's string literals, each shown as '…': the query's shape is the sign, its values are the server's data. */
function withoutLiterals(text: string): string {
  return text.replace(/'[^'\n]{0,200}'/g, "'…'");
}

/** The first sign of the server's internals in a body, with the text it was seen in; undefined when there is none. */
export function internalErrorText(bodyText: string): { what: string; seen: string } | undefined {
  // JSON escapes a line break, a tab and a quote ("\n", "\t", "\""), and may escape "/" ("\/", as PHP's json_encode does):
  // read them as such, so a trace, a query's quoted names or a URL inside a JSON string is seen too.
  const text = bodyText.slice(0, READ_CHARS).replace(/\\n/g, '\n').replace(/\\r/g, '\r').replace(/\\t/g, '\t').replace(/\\\//g, '/').replace(/\\"/g, '"');
  for (const sign of SIGNS) {
    const match = sign.pattern.exec(text);
    // A sign's text is what the server wrote: an exception's message may quote a connection URL, a
    // statement a literal (a password hashed in the query); neither is shown.
    if (match !== null) return { what: sign.what, seen: excerpt(withoutLiterals(withoutConnectionCredentials(match[0].trim())), 120) };
  }
  // Shown without its user and password: a report is read by more people than the server's logs.
  const url = connectionUrlIn(text);
  return url === undefined ? undefined : { what: url.what, seen: excerpt(url.seen, 120) };
}

export const internalErrorExposedCheck: Check = {
  id: 'internal-error-exposed',
  title: "No answer shows the server's internals (a database's error, a stack trace)",
  run(exchange) {
    const response = exchange.response;
    const found = response === undefined ? undefined : internalErrorText(response.bodyText);
    if (response === undefined || found === undefined) return [];
    return [
      {
        check: 'internal-error-exposed',
        severity: 'error',
        title: `The ${response.status} shows ${found.what}`,
        message: `Received: a ${response.status} whose body shows ${found.what} (${found.seen}) / Expected: an answer in the server's own words: a database's error says the input reached a query as text (an injection), a stack trace names the server's code, files and versions, a query or a connection URL its tables, hosts and credentials (CWE-209); neither is a reason the contract documents`,
        instancePath: '',
      },
    ];
  },
};
