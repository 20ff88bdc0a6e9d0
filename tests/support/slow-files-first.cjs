/**
 * The order `npm test` runs its files in. Jest orders by the durations in its own cache, and
 * without one (a fresh clone: every CI run) by file size, largest first. The end-to-end files are
 * small (their servers are data in tests/support), so a fresh clone ran the longest of them,
 * e2e/broken-servers (~5 minutes), last, with the other worker idle: ~3 of the ~16 minutes.
 * Here a file's duration is Jest's cached one when it has it (this machine's), else the one
 * measured in CI (test-durations.json), else 0; the longest run first, then by size as Jest does,
 * and files that failed last time first of all, as Jest does. Only the order changes, never what
 * runs. Plain CommonJS: Jest requires a sequencer as it is, after its TypeScript config loader is gone.
 */
'use strict';
const { relative, sep } = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;
const measured = require('./test-durations.json').seconds;

class SlowFilesFirst extends Sequencer {
  /** Milliseconds: Jest's cached duration, else the measured one (keyed by the path under tests/), else 0. */
  time(test) {
    const cached = super.time(test);
    if (cached !== undefined) return cached;
    const key = relative(test.context.config.rootDir, test.path).split(sep).slice(1).join('/');
    const seconds = Object.hasOwn(measured, key) ? measured[key] : undefined;
    return typeof seconds === 'number' ? seconds * 1000 : 0;
  }

  sort(tests) {
    // Jest reads test.duration too (whether to run in band): its own cached figure, as it sets it.
    for (const test of tests) test.duration = super.time(test);
    const keyed = tests.map((test) => ({ test, failed: this.hasFailed(test), ms: this.time(test), size: test.context.hasteFS.getSize(test.path) ?? 0 }));
    keyed.sort((a, b) => Number(b.failed) - Number(a.failed) || b.ms - a.ms || b.size - a.size || (a.test.path < b.test.path ? -1 : 1));
    return keyed.map((k) => k.test);
  }
}

module.exports = SlowFilesFirst;
