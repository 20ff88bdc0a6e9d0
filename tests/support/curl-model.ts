/**
 * Running a "Reproduce with:" line: by the real curl binary (when the machine has one), or by a
 * model of curl's documented rules replayed with node:http, so a test of a reproduction runs
 * everywhere. Both against 127.0.0.1 only, with the key in ZAVU_API_KEY as a person would set it.
 */
import { execFile, execFileSync } from 'node:child_process';
import { request as httpRequest } from 'node:http';

/** A request head: method, request-target, and headers by lower-case name (Host and Connection left out: curl and node frame those alike in meaning). */
export interface Head {
  method: string;
  target: string;
  headers: Record<string, string>;
  /** The curl's origin (the model's only). */
  origin?: string;
}

/** One answer: status and body text. */
export interface Answer {
  status: number;
  body: string;
}

let found: string | undefined;
/** The curl binary on PATH, or '' when the machine has none. */
export function curlPath(): string {
  if (found === undefined) {
    try {
      found = execFileSync('bash', ['--norc', '-c', 'command -v curl || true'], { env: { PATH: process.env['PATH'] ?? '' } }).toString().trim();
    } catch {
      found = '';
    }
  }
  return found;
}

/** The words bash gives curl for this command line, with the key in the environment (latin1, as the head is read). */
export function curlWords(command: string, apiKey: string): string[] {
  const script = `printwords() { for a in "$@"; do printf '%s\\0' "$a"; done; }; ${command.replace(/^curl/, 'printwords')}`;
  return execFileSync('bash', ['--norc', '-c', script], { env: { ZAVU_API_KEY: apiKey } }).toString('latin1').split('\0').slice(0, -1);
}

/** RFC 3986 §5.2.4, which curl applies to a URL's path unless --path-as-is. */
function removeDotSegments(path: string): string {
  const out: string[] = [];
  for (const segment of path.split('/').slice(1)) {
    if (segment === '..') out.pop();
    else if (segment !== '.') out.push(segment);
  }
  const last = path.split('/').pop();
  return `/${out.join('/')}${last === '.' || last === '..' ? '/' : ''}`;
}

/**
 * What curl sends for these words, by its documented rules: its own User-Agent and Accept unless a
 * -H names them; --compressed adds an Accept-Encoding, which a -H replaces; -u is Basic; -I is HEAD;
 * a bodiless -X POST carries no Content-Length; the URL's "#…" is a fragment and never sent; dot
 * segments are removed unless --path-as-is; --request-target is sent as given. An option the model
 * does not know fails the test, so the formatter cannot outgrow it unseen.
 */
export function curlModel(words: readonly string[]): Head {
  let method = 'GET';
  let pathAsIs = false;
  let requestTarget: string | undefined;
  let url = '';
  const headers: Record<string, string> = { 'user-agent': 'curl/7.88.1', accept: '*/*' };
  const custom: [string, string][] = [];
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i] ?? '';
    const next = (): string => words[(i += 1)] ?? '';
    if (word === '-sS' || word === '-i' || word === '--globoff' || word === '--http1.1') continue;
    else if (word === '-I') method = 'HEAD';
    else if (word === '-X') method = next();
    else if (word === '--compressed') headers['accept-encoding'] = 'deflate, gzip, br, zstd';
    else if (word === '--path-as-is') pathAsIs = true;
    else if (word === '--request-target') requestTarget = next();
    else if (word === '-u') headers['authorization'] = `Basic ${Buffer.from(next(), 'latin1').toString('base64')}`;
    else if (word === '-H') {
      const field = next();
      const at = field.indexOf(':');
      custom.push([field.slice(0, at).toLowerCase(), field.slice(at + 1).replace(/^[ \t]+/, '')]);
    } else if (word.startsWith('-')) throw new Error(`the curl model does not know ${word}`);
    else url = word;
  }
  for (const [name, value] of custom) headers[name] = value;
  const path = /^[a-z]+:\/\/[^/?#]*([^#]*)/i.exec(url)?.[1] || '/';
  return { method, target: requestTarget ?? (pathAsIs ? path : removeDotSegments(path)), headers, origin: /^[a-z]+:\/\/[^/?#]*/i.exec(url)?.[0] ?? '' };
}


/** The commands of a reproduction: one curl, or a sequence's curls joined by "; echo; ". */
export function curlCommands(reproduction: string): string[] {
  return reproduction.split(/; echo; (?=curl )/);
}

/** Every answer of a reproduction, run by the real curl (-i prints each status line, headers and body). */
export function runWithCurl(reproduction: string, apiKey: string): Promise<Answer[]> {
  return new Promise((resolve, reject) =>
    execFile('bash', ['--norc', '-c', reproduction], { env: { PATH: process.env['PATH'] ?? '', ZAVU_API_KEY: apiKey }, encoding: 'latin1' }, (error, stdout) => {
      if (error !== null && stdout === '') return reject(error);
      const text = Buffer.from(stdout, 'latin1').toString('utf8');
      // Each status line starts a line: `echo` ends the body before it.
      const starts = [...text.matchAll(/HTTP\/1\.[01] (\d{3})[^\r\n]*\r\n/g)];
      resolve(starts.map((start, i) => {
        // The newline `echo` printed between two answers is not the body's.
        const next = starts[i + 1]?.index;
        const whole = next === undefined ? text.slice(start.index) : text.slice(start.index, next).replace(/\n$/, '');
        const split = whole.indexOf('\r\n\r\n');
        return { status: Number(start[1]), body: split === -1 ? '' : whole.slice(split + 4) };
      }));
    }),
  );
}

/** Every answer of a reproduction, each curl turned into its request by the model and sent with node:http, in order. */
export async function runWithModel(reproduction: string, apiKey: string): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (const command of curlCommands(reproduction)) {
    const head = curlModel(curlWords(command, apiKey));
    answers.push(
      await new Promise<Answer>((resolve, reject) => {
        const url = new URL(head.origin ?? '');
        const req = httpRequest({ hostname: url.hostname, port: Number(url.port), method: head.method, path: head.target, headers: head.headers, agent: false }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        });
        req.on('error', reject);
        // curl frames a bodiless -X POST with neither field; node:http would add Content-Length: 0 (or chunked) unless both are removed.
        if (head.headers['content-length'] === undefined) {
          req.removeHeader('content-length');
          req.removeHeader('transfer-encoding');
        }
        req.end();
      }),
    );
  }
  return answers;
}
