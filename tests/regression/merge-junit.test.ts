import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { UsageError } from '../../src/model/errors';
import { mergeJunit } from '../../src/regression/merge-junit';

const fixture = (name: string): string => readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');

describe('mergeJunit', () => {
  // jest-junit output of a real run (8 passed, 1 failed, 2 skipped) and the same run split in two.
  const unsharded = fixture('jest-junit-unsharded.xml');
  const shard1 = fixture('jest-junit-shard-1-of-2.xml');
  const shard2 = fixture('jest-junit-shard-2-of-2.xml');

  it('gives back the junit.xml of the unsharded run, byte for byte', () => {
    expect(mergeJunit([shard1, shard2])).toBe(unsharded);
  });

  it('is the identity on one file', () => {
    expect(mergeJunit([unsharded])).toBe(unsharded);
  });

  it('keeps failure text and escaping exactly', () => {
    const merged = mergeJunit([shard1, shard2]);
    expect(merged).toContain('-H &quot;Authorization: Bearer $ZAVU_API_KEY&quot;');
    expect(merged.match(/<testcase /g)).toHaveLength(11);
    expect(merged.match(/<skipped\/>/g)).toHaveLength(2);
  });

  it('keeps suites of different names apart and sums every count', () => {
    const other = '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="zavu-conformance" tests="1" failures="0" errors="1" time="0.5">\n  <testsuite name="other &amp; more" errors="1" failures="0" skipped="0" timestamp="2026-01-01T00:00:00" time="0.5" tests="1">\n    <testcase classname="x" name="y" time="0.5">\n      <error/>\n    </testcase>\n  </testsuite>\n</testsuites>';
    const merged = mergeJunit([shard1, other]);
    expect(merged).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="zavu-conformance" tests="5" failures="1" errors="1" time="0.7">\n {2}<testsuite name="GET /);
    expect(merged).toContain('\n  <testsuite name="other &amp; more" errors="1" failures="0" skipped="0" timestamp="2026-01-01T00:00:00" time="0.5" tests="1">\n    <testcase classname="x" name="y" time="0.5">');
    expect(merged.endsWith('  </testsuite>\n</testsuites>')).toBe(true);
  });

  it('refuses a file that is not jest-junit output, naming its position', () => {
    expect(() => mergeJunit([shard1, '{"not":"xml"}'])).toThrow(UsageError);
    expect(() => mergeJunit([shard1, '{"not":"xml"}'])).toThrow('junit report 2 of 2 is not a jest-junit file (no <testsuites> element)');
    expect(() => mergeJunit([])).toThrow('no junit reports to merge');
  });
});
