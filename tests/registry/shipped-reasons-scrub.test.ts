/**
 * Every report runs its text through the scrubber of what a target sent (recording/received-tokens),
 * the suite's own reasons included: a reason that reads as a credential to it is cut in every
 * report, exactly where a target failed the case. `"bearer <key>"` read as an XML element <key>
 * (a sensitive name) with no end tag, and the rest of the reason became "[REDACTED]".
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/package-root';
import { redactReceivedTokens } from '../../src/recording/received-tokens';

/** Every string under a "because" key of a data file, with where it is. */
function reasons(value: unknown, where: string, out: [string, string][]): [string, string][] {
  if (Array.isArray(value)) value.forEach((item, i) => reasons(item, `${where}/${i}`, out));
  else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'because' && typeof inner === 'string') out.push([`${where}/because`, inner]);
      else reasons(inner, `${where}/${key}`, out);
    }
  }
  return out;
}

const dir = join(packageRoot, 'operations');
const files = [...readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(e.name, 'scenarios.json')), 'rules.json'];
const all = files.flatMap((file) => reasons(JSON.parse(readFileSync(join(dir, file), 'utf8')), file, []));

test('the shipped data has reasons to check', () => {
  expect(all.length).toBeGreaterThan(100);
});

test.each(all)('%s survives the reports\' scrubber word for word', (_where, because) => {
  expect(redactReceivedTokens(because)).toBe(because);
});
