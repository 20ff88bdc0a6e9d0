/**
 * `node dist/bench/peak-rss-main.js SCRIPT [args…]`: runs a CLI script in this process and, at
 * exit, writes the process's peak resident set size in KiB to $BENCH_PEAK_RSS_FILE. Measured from
 * inside (the kernel's maxrss of this process, Jest included: it runs in band), so the bench needs
 * no `/usr/bin/time -v`, which not every machine has.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const [script, ...args] = process.argv.slice(2);
const out = process.env['BENCH_PEAK_RSS_FILE'];
if (script === undefined || out === undefined) {
  process.stderr.write('usage: BENCH_PEAK_RSS_FILE=FILE node peak-rss-main.js SCRIPT [args…]\n');
  process.exit(2);
}
// 'exit' also runs on the CLI's own process.exit(code).
process.on('exit', () => writeFileSync(out, String(process.resourceUsage().maxRSS)));
process.argv = [process.argv[0] ?? 'node', resolve(script), ...args];
require(resolve(script));
