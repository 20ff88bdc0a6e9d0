/** src/shard/shared-build.ts: the build of the suite the shards of one run share, or why it is unknown. */
import { mergerBuildNote, sharedBuild } from '../../src/shard/shared-build';
import { usageMessage } from '../support/usage-message';

const side = (shard: string, suiteBuild?: string) => ({ shard, label: `shards/${shard[0]}`, suiteVersion: '0.2.0', ...(suiteBuild !== undefined ? { suiteBuild } : {}) });
const [a, b] = ['a'.repeat(12), 'b'.repeat(12)];

test('the build every shard names is the merged run\'s, with nothing to say', () => {
  expect(sharedBuild([side('1/2', a), side('2/2', a)])).toEqual({ suiteBuild: a });
});

test('two builds are refused, naming the first two shards that differ and their builds', () => {
  expect(usageMessage(() => sharedBuild([side('1/3', a), side('2/3', a), side('3/3', b)]))).toBe(`shards 1/3 (shards/1) and 3/3 (shards/3) are of two builds of zavu-conformance 0.2.0: build ${a} vs ${b}; run every shard, and the merge, with one build of the suite`);
  // Unknown beside two known builds does not hide them.
  expect(usageMessage(() => sharedBuild([side('1/3'), side('2/3', a), side('3/3', b)]))).toMatch(/^shards 2\/3 \(shards\/2\) and 3\/3 \(shards\/3\) are of two builds/);
});

test('shards naming none are unknown: no build for the run, a note naming them; none at all, nothing', () => {
  expect(sharedBuild([side('1/3', a), side('2/3'), side('3/3')])).toEqual({ note: `suite build not checked: shards 2/3 (shards/2), 3/3 (shards/3) name none, the other shards ${a} (a shard of an older build of the suite, or of one built without the build id)` });
  expect(sharedBuild([side('1/2'), side('2/2')])).toEqual({});
});

test('a version no npm version (shards hand-edited alike: no schema bounds it) is not quoted: the refusal stays one short line naming both builds', () => {
  const edited = `0.2.0\n${'x'.repeat(5_000)}`;
  const message = usageMessage(() => sharedBuild([{ ...side('1/2', a), suiteVersion: edited }, { ...side('2/2', b), suiteVersion: edited }]));
  expect(message).toBe(`shards 1/2 (shards/1) and 2/2 (shards/2) are of two builds of the suite: build ${a} vs ${b}; run every shard, and the merge, with one build of the suite`);
});

const suite = (suiteVersion: string, suiteBuild?: string) => ({ suiteVersion, ...(suiteBuild !== undefined ? { suiteBuild } : {}) });
const tail = "; the certificate, latency and baseline figures are this build's";

test("a merge by another build than the shards' says so in one line naming both builds; the same build, or either unknown, nothing", () => {
  expect(mergerBuildNote(suite('0.2.0', a), suite('0.2.0', b))).toBe(`merged by a different build of the suite from the one that ran the shards: build ${b} merged, build ${a} judged the cases${tail}`);
  expect(mergerBuildNote(suite('0.2.0', a), suite('0.2.0', a))).toBeUndefined();
  expect(mergerBuildNote(suite('0.2.0'), suite('0.2.0', b))).toBeUndefined();
  expect(mergerBuildNote(suite('0.2.0', a), suite('0.2.0'))).toBeUndefined();
});

test("a merge by another version than the shards' says so whether or not either names its build; a version no npm version is not quoted", () => {
  // Older shards naming no build, merged by a newer build that names one.
  expect(mergerBuildNote(suite('0.1.0'), suite('0.2.0', b))).toBe(`merged by a different version of the suite from the one that ran the shards: zavu-conformance 0.2.0 (build ${b}) merged, zavu-conformance 0.1.0 judged the cases${tail}`);
  // A merge from a dist built without the id.
  expect(mergerBuildNote(suite('0.1.0', a), suite('0.2.0'))).toBe(`merged by a different version of the suite from the one that ran the shards: zavu-conformance 0.2.0 merged, zavu-conformance 0.1.0 (build ${a}) judged the cases${tail}`);
  expect(mergerBuildNote(suite('0.1.0'), suite('0.2.0'))).toBe(`merged by a different version of the suite from the one that ran the shards: zavu-conformance 0.2.0 merged, zavu-conformance 0.1.0 judged the cases${tail}`);
  expect(mergerBuildNote(suite(`0.2.0\n${'x'.repeat(5_000)}`), suite('0.2.0'))).toBe(`merged by a different version of the suite from the one that ran the shards: zavu-conformance 0.2.0 merged, a suite of an unreadable version judged the cases${tail}`);
});
