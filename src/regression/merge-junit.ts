/**
 * Merge of the junit.xml files of shards into the file one unsharded run would have written.
 * jest-junit's output has a fixed shape (one <testsuites> root, <testsuite> children with numeric
 * count attributes, XML-escaped text), so this works on the text: no XML library, and every byte
 * of a <testcase> (failure messages, curls) is copied as it was.
 */
import { UsageError } from '../model/errors';

/** A start tag's attributes, in order; values stay XML-escaped, as written. */
type Attributes = [string, string][];

interface Suite {
  attributes: Attributes;
  /** Everything between the start and end tags, "" for a self-closing <testsuite/>. */
  body: string;
}

const ATTRIBUTE = /([\w:.-]+)="([^"]*)"/g;
const ROOT = /<testsuites\b((?:\s+[\w:.-]+="[^"]*")*)\s*(\/?)>/;
const SUITE = /<testsuite\b((?:\s+[\w:.-]+="[^"]*")*)\s*(?:\/>|>([\s\S]*?)<\/testsuite>)/g;
const COUNTS = ['tests', 'failures', 'errors', 'skipped'] as const;

function parseAttributes(text: string): Attributes {
  return [...text.matchAll(ATTRIBUTE)].map((m) => [m[1] ?? '', m[2] ?? '']);
}

function get(attributes: Attributes, name: string): string | undefined {
  return attributes.find(([key]) => key === name)?.[1];
}

/** Sets a value in place, keeping the attribute's position (or appending it), as jest-junit ordered them. */
function set(attributes: Attributes, name: string, value: string): void {
  const entry = attributes.find(([key]) => key === name);
  if (entry) entry[1] = value;
  else attributes.push([name, value]);
}

function numberOf(attributes: Attributes, name: string): number {
  const value = Number(get(attributes, name) ?? 0);
  return Number.isFinite(value) ? value : 0;
}

/** Seconds as jest-junit writes them: at most three decimals, no trailing zeros ("0.25", "0"). */
function seconds(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

function startTag(name: string, attributes: Attributes, selfClosing = false): string {
  return `<${name}${attributes.map(([k, v]) => ` ${k}="${v}"`).join('')}${selfClosing ? '/>' : '>'}`;
}

/**
 * A copy of the first element's attributes with the counts and time summed over all of them.
 * Only attributes the first one has are summed, so nothing jest-junit did not write appears.
 */
function summed(elements: readonly Attributes[]): Attributes {
  const attributes: Attributes = (elements[0] ?? []).map(([k, v]) => [k, v]);
  for (const name of [...COUNTS, 'time'] as const) {
    if (get(attributes, name) === undefined) continue;
    const total = elements.reduce((sum, e) => sum + numberOf(e, name), 0);
    set(attributes, name, name === 'time' ? seconds(total) : String(total));
  }
  return attributes;
}

/** Same-named suites (the one test file of each shard) become one suite, like an unsharded run's. */
function mergeSuites(suites: readonly Suite[]): Suite {
  const attributes = summed(suites.map((s) => s.attributes));
  // The earliest start: ISO-like local timestamps of one format compare as strings.
  const stamps = suites.map((s) => get(s.attributes, 'timestamp')).filter((t): t is string => t !== undefined).sort();
  if (stamps[0] !== undefined) set(attributes, 'timestamp', stamps[0]);
  const bodies = suites.map((s) => s.body.replace(/\s+$/, '')).filter((b) => b !== '');
  return { attributes, body: bodies.length === 0 ? '' : `${bodies.join('')}\n  ` };
}

/**
 * Merges jest-junit files given in shard order (1/n first). The root's tests/failures/errors and
 * time are summed; <testsuite> elements with the same name are merged into one (counts and time
 * summed, earliest timestamp, test cases concatenated in shard order), others are kept in order
 * of first appearance. Time is the sum of the shards' times: what one process running every case
 * would have taken, not the wall time of parallel shards. Throws UsageError for a file without a
 * <testsuites> root, naming its position.
 */
export function mergeJunit(xmls: readonly string[]): string {
  if (xmls.length === 0) throw new UsageError('no junit reports to merge');
  const roots: Attributes[] = [];
  const byName = new Map<string, Suite[]>();
  xmls.forEach((xml, i) => {
    const root = ROOT.exec(xml);
    if (!root) throw new UsageError(`junit report ${i + 1} of ${xmls.length} is not a jest-junit file (no <testsuites> element)`);
    roots.push(parseAttributes(root[1] ?? ''));
    for (const match of xml.slice(root.index + root[0].length).matchAll(SUITE)) {
      const suite: Suite = { attributes: parseAttributes(match[1] ?? ''), body: match[2] ?? '' };
      const name = get(suite.attributes, 'name') ?? '';
      byName.set(name, [...(byName.get(name) ?? []), suite]);
    }
  });
  const root = summed(roots);
  const suites = [...byName.values()].map(mergeSuites);
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', startTag('testsuites', root)];
  for (const suite of suites) {
    lines.push(suite.body === '' ? `  ${startTag('testsuite', suite.attributes, true)}` : `  ${startTag('testsuite', suite.attributes)}${suite.body}</testsuite>`);
  }
  return `${lines.join('\n')}\n</testsuites>`;
}
