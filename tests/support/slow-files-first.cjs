/**
 * The order `npm test` runs its files in. Jest orders by the durations in its own cache, and
 * without one (a fresh clone: every CI run) by file size, largest first. The end-to-end files are
 * small (their servers are data in tests/support), so a fresh clone ran the longest of them,
 * e2e/broken-servers (~5 minutes), last, with the other worker idle: ~3 of the ~16 minutes.
 * Here a file's duration is Jest's cached one when it has it (this machine's), else the one
 * measured in CI (test-durations.json), else 0; the longest run first, then by size as Jest does,
 * and files that failed last time first of all, as Jest does. Only the order changes, never what
 * runs. With --shard i/n, each shard gets files whose measured durations add up to about the same
 * (see shard below), not Jest's hash split, which can put both ~5-minute e2e files in one shard.
 * Plain CommonJS: Jest requires a sequencer as it is, after its TypeScript config loader is gone.
 */
'use strict';
const { relative, sep } = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;
const measured = require('./test-durations.json').seconds;

/**
 * What a file not in the table is counted as when shards are balanced: the table lists every file
 * Jest reported slow (5 s or more), so one missing from it took less; a few seconds for each.
 */
const UNMEASURED_SECONDS = 2;

/** A test's path under tests/, '/' whatever the platform's separator: the table's key. */
function measuredKey(test) {
  return relative(test.context.config.rootDir, test.path).split(sep).slice(1).join('/');
}

/** The seconds the table gives the file at `key`, or undefined when it lists none. */
function measuredSeconds(key) {
  return Object.hasOwn(measured, key) && typeof measured[key] === 'number' ? measured[key] : undefined;
}

class SlowFilesFirst extends Sequencer {
  /**
   * The files of shard `shardIndex` (1-based) of `shardCount`: longest first, each given to the shard
   * with the least measured time so far (ties to the lower shard). Only the checked-in table and the
   * paths decide it, never this machine's Jest cache: every CI machine, each computing its own shard,
   * must split the same files the same way, so that each file runs in exactly one shard.
   */
  shard(tests, { shardIndex, shardCount }) {
    const weighed = tests.map((test) => {
      const key = measuredKey(test);
      return { test, key, seconds: measuredSeconds(key) ?? UNMEASURED_SECONDS };
    });
    weighed.sort((a, b) => b.seconds - a.seconds || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const loads = new Array(shardCount).fill(0);
    const mine = [];
    for (const { test, seconds } of weighed) {
      let least = 0;
      for (let i = 1; i < shardCount; i += 1) if (loads[i] < loads[least]) least = i;
      loads[least] += seconds;
      if (least === shardIndex - 1) mine.push(test);
    }
    return mine;
  }

  /** Milliseconds: Jest's cached duration, else the measured one (keyed by the path under tests/), else 0. */
  time(test) {
    const cached = super.time(test);
    if (cached !== undefined) return cached;
    const seconds = measuredSeconds(measuredKey(test));
    return seconds === undefined ? 0 : seconds * 1000;
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
