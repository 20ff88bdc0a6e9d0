/**
 * A target that echoes the credentials it got far enough into an answer that the checks' excerpts
 * cut through them: the head a cut leaves (under the half of a key the partial form catches, or a
 * hex or base64 echo, which has no partial form) is in no report, recording or line either. The
 * echo moves by a few characters from one answer to the next, so the cuts of every check fall at
 * many places inside it: before the fix the reports held 11 of the key's 32 secret characters as
 * is, 53 of its hex digits and 35 characters of its base64.
 */
import { readFileSync } from 'node:fs';
import { startReferenceServer, type ResponseFault } from '../../src/reference-server';
import { runConformanceCli, serverEnv } from '../support/conformance-run';
import { filesUnder } from '../support/scratch-dir';

/**
 * Synthetic, never a real key: 40 characters as a real one, the secret parts canaries. Their first
 * secret character is no hex digit in any case: the suite's unknown key (random hex after the same
 * prefix, not a secret, in curls as is) then shares only the public prefix with them, in every form.
 */
const API_KEY = 'zv_test_QutCanary7Qm4Xk2Rp9Wd3Lf6HsB8yN5';
const OTHER_KEY = 'zv_test_QtherCanary5Hj8Lm2Np4Rs6Tv8Wx0Zk';

/** A form of a credential as the target echoes it, and how many of its first characters only encode the public prefix. */
interface EchoedForm {
  name: string;
  text: string;
  publicChars: number;
}

function echoedForms(label: string, key: string): EchoedForm[] {
  return [
    { name: `${label} as is`, text: key, publicChars: 'zv_test_'.length },
    { name: `${label} hex`, text: Buffer.from(key).toString('hex'), publicChars: 2 * 'zv_test_'.length },
    // What the target sends: base64 of the whole header value; "Bearer zv_test_" is 15 bytes, 20 characters.
    { name: `${label} base64`, text: Buffer.from(`Bearer ${key}`).toString('base64'), publicChars: 20 },
  ];
}

/**
 * The longest piece of `form` in `text` (any case) that shows something past its public prefix:
 * a number, so a failure names how much leaked and never what.
 */
function longestPiece(text: string, form: EchoedForm): number {
  const haystack = text.toLowerCase();
  const needle = form.text.toLowerCase();
  let best = 0;
  for (let end = form.publicChars + 1; end <= needle.length; end += 1) {
    // The longest piece ending at `end` that the text holds; the pieces ending there nest.
    let length = best + 1;
    while (length <= end && haystack.includes(needle.slice(end - length, end))) length += 1;
    best = Math.max(best, length - 1);
  }
  return best;
}

test('echoed credentials cut by an excerpt leave no piece of 8 characters in any file or line', async () => {
  let answered = 0;
  const sent = new Set<string>();
  // The answer the server planned (so preconditions hold and every case, the other project's
  // reads too, is sent), with members it does not declare, each quoting the credentials received
  // after a pad: undocumented-properties quotes each value cut to 200 characters. The pads move
  // from member to member and answer to answer, so the cuts fall at every depth of each echo.
  const fault: ResponseFault = ({ authorization, planned }) => {
    if (authorization === undefined) return undefined;
    let body: unknown;
    try {
      body = JSON.parse(planned.body) as unknown;
    } catch {
      return undefined;
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
    sent.add(authorization);
    answered += 1;
    const echoes = { raw: authorization, hex: Buffer.from(authorization).toString('hex'), base64: Buffer.from(authorization).toString('base64') };
    const members: Record<string, string> = {};
    for (const [form, echo] of Object.entries(echoes)) {
      for (let k = 0; k < 6; k += 1) members[`echo_${form}_${k}`] = `${'p'.repeat(140 + 9 * k + (answered % 9))}${echo}`;
    }
    // The adapter frames the longer body itself.
    const headers = Object.fromEntries(Object.entries(planned.headers).filter(([name]) => name !== 'content-length'));
    return { ...planned, headers, body: JSON.stringify({ ...body, ...members }) };
  };
  const server = await startReferenceServer({ apiKey: API_KEY, otherProjectApiKey: OTHER_KEY, fault });
  try {
    const env = serverEnv(server);
    expect(env['ZAVU_OTHER_PROJECT_API_KEY']).toBe(OTHER_KEY);
    const run = await runConformanceCli(['--base-url', server.baseUrl, '--operation', 'startWhatsAppHistorySync', '--allow-writes', '--fuzz-runs', '0', '--mode', 'record', '--recordings', 'rec'], env);
    // Warnings only (each answer echoes the request's own credentials): the run passes, and its reports quote every echo.
    expect(run.code).toBe(0);
    // Both keys were sent, and echoed; the reports quote the echoes, cut ("[REDACTED]…": what a cut left went too).
    expect([...sent].filter((auth) => auth.includes(API_KEY) || auth.includes(OTHER_KEY)).length).toBeGreaterThan(1);
    expect([...sent].some((auth) => auth.includes(OTHER_KEY))).toBe(true);
    expect(JSON.stringify(run.report)).toContain('[REDACTED]…');
    const forms = [...echoedForms('the API key', API_KEY), ...echoedForms("the other project's key", OTHER_KEY)];
    const outputs = [...filesUnder(run.cwd).map((file) => ({ name: file.slice(run.cwd.length), text: readFileSync(file, 'utf8') })), { name: 'stdout', text: run.stdout }, { name: 'stderr', text: run.stderr }];
    expect(outputs.map((o) => o.name)).toEqual(expect.arrayContaining(['/reports/conformance.json', '/reports/conformance.html', '/reports/summary.md', '/reports/junit.xml']));
    const leaks = outputs.flatMap(({ name, text }) => forms.map((form) => ({ output: name, form: form.name, longest: longestPiece(text, form) })).filter((leak) => leak.longest >= 8));
    expect(leaks).toEqual([]);
  } finally {
    await server.close();
  }
});
