import { promises as fs } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { AtomicWriteFs } from '../../src/files/atomic-write';
import { isForeignReportFile, REPORT_FILES } from '../../src/report/report-files';
import { writeReports } from '../../src/report/write-reports';
import { summarize } from '../../src/report/summarize';
import { clone, failedResult, mixedReport, report, sequenceResult } from './fixtures';
import { certificate, regressionReport } from './regression-fixtures';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'write-reports-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('writeReports', () => {
  it('creates the folder and writes the four report files of a report without certificate, returning their paths', async () => {
    const dir = path.join(root, 'nested', 'reports');
    const written = await writeReports(dir, mixedReport());
    expect(written).toEqual([REPORT_FILES.json, REPORT_FILES.html, REPORT_FILES.markdown, REPORT_FILES.junit].map((f) => path.join(dir, f)));
    expect((await readdir(dir)).sort()).toEqual(['conformance.html', 'conformance.json', 'junit.xml', 'summary.md']);
    expect(JSON.parse(await readFile(path.join(dir, 'conformance.json'), 'utf8'))).toEqual(mixedReport());
  });

  it('writes nothing when a report file\'s name is taken by a folder (found before the first write, so the set is not left half new)', async () => {
    await writeReports(root, regressionReport());
    const before = await readFile(path.join(root, 'conformance.json'), 'utf8');
    await fs.rm(path.join(root, 'certificate.json'));
    await fs.mkdir(path.join(root, 'certificate.json'));
    await expect(writeReports(root, mixedReport())).rejects.toThrow(`${path.join(root, 'certificate.json')} is not a file (a folder?)`);
    expect(await readFile(path.join(root, 'conformance.json'), 'utf8')).toBe(before);
  });

  it("writes nothing over another tool's file of a report's name (a shared reports/ folder), and writes over its own", async () => {
    await writeReports(root, regressionReport());
    for (const name of Object.values(REPORT_FILES)) expect({ name, foreign: isForeignReportFile(root, name) }).toEqual({ name, foreign: false });
    // The suite's own reports, whatever they said, are replaced by the next run's.
    await expect(writeReports(root, mixedReport())).resolves.toHaveLength(4);
    await fs.writeFile(path.join(root, 'junit.xml'), '<?xml version="1.0"?>\n<testsuites name="jest tests" tests="3"/>\n');
    const before = await readFile(path.join(root, 'conformance.json'), 'utf8');
    await expect(writeReports(root, regressionReport())).rejects.toThrow(`${path.join(root, 'junit.xml')} is not a report of this suite (another tool's?)`);
    expect(await readFile(path.join(root, 'conformance.json'), 'utf8')).toBe(before);
    expect(await readFile(path.join(root, 'junit.xml'), 'utf8')).toContain('jest tests');
  });

  it('removes the temp files a run killed mid-write left behind (their process is gone)', async () => {
    const orphan = path.join(root, '.conformance.html.4194399.a1b2c3d4e5f6.tmp');
    await fs.writeFile(orphan, '<html');
    const hourAgo = new Date(Date.now() - 3_600_000);
    await fs.utimes(orphan, hourAgo, hourAgo);
    await writeReports(root, mixedReport());
    expect((await readdir(root)).sort()).toEqual(['conformance.html', 'conformance.json', 'junit.xml', 'summary.md']);
  });

  it('writes nothing for a report the schema rejects, and names the breach', async () => {
    const bad = clone(mixedReport());
    (bad.results[0] as { status: string }).status = 'ok';
    await expect(writeReports(root, bad)).rejects.toThrow(/\/results\/0\/status/);
    expect(await readdir(root)).toEqual([]);
  });

  it('writes nothing when the summary disagrees with the results', async () => {
    const bad = mixedReport();
    bad.summary.passed += 1;
    await expect(writeReports(root, bad)).rejects.toThrow(/\/summary\/passed is 2, the results count 1/);
    expect(await readdir(root)).toEqual([]);
  });

  it.each<[string, (r: ReturnType<typeof mixedReport>) => void, RegExp]>([
    ['an id that does not start with its operationId', (r) => { r.results[0]!.id = 'startWhatsAppHistorySync/x'; }, /\/results\/0\/id "startWhatsAppHistorySync\/x" does not start with its operationId "getWhatsAppSyncStatus\/"/],
    ['an operation the run does not list', (r) => { r.runInfo.operations = r.runInfo.operations.slice(1); }, /\/results\/0\/operationId "getWhatsAppSyncStatus" is not in \/runInfo\/operations/],
    ['a label that is not its operation\'s', (r) => { r.results[1]!.operation = 'GET /elsewhere'; }, /\/results\/1\/operation "GET \/elsewhere" is not the label of getWhatsAppSyncStatus/],
    ['an undeclared family', (r) => { r.runInfo.families = r.runInfo.families.filter((f) => f.id !== 'no-waba'); }, /\/results\/2\/family "no-waba" is not in \/runInfo\/families/],
    ['a failedStep that is not one of its steps', (r) => { r.results.push({ ...sequenceResult, failedStep: 'nope' }); r.summary = summarize(r.results); }, /\/results\/4\/failedStep "nope" is not one of its steps/],
  ])('writes nothing for a report the schema accepts but whose parts disagree: %s', async (_what, breakIt, message) => {
    const bad = clone(mixedReport());
    breakIt(bad);
    await expect(writeReports(root, bad)).rejects.toThrow(message);
    expect(await readdir(root)).toEqual([]);
  });

  it('never writes the API key: curls keep the $ZAVU_API_KEY placeholder (regression guard)', async () => {
    const secret = 'zv_live_FAKE_SECRET_do_not_print_0123456789';
    const saved = process.env['ZAVU_API_KEY'];
    process.env['ZAVU_API_KEY'] = secret;
    try {
      const written = await writeReports(root, report([failedResult]));
      for (const file of written) {
        const text = await readFile(file, 'utf8');
        expect(text).not.toContain(secret);
      }
      expect(await readFile(path.join(root, 'conformance.html'), 'utf8')).toContain('$ZAVU_API_KEY');
      expect(await readFile(path.join(root, 'conformance.json'), 'utf8')).toContain('$ZAVU_API_KEY');
    } finally {
      if (saved === undefined) delete process.env['ZAVU_API_KEY'];
      else process.env['ZAVU_API_KEY'] = saved;
    }
  });
});

describe('writeReports: certificate.json', () => {
  it('writes certificate.json, validated, when the report has a certificate', async () => {
    const written = await writeReports(root, regressionReport());
    expect(written.at(-1)).toBe(path.join(root, REPORT_FILES.certificate));
    expect(JSON.parse(await readFile(path.join(root, 'certificate.json'), 'utf8'))).toEqual(certificate);
  });

  it('writes no certificate.json without a certificate', async () => {
    await writeReports(root, mixedReport());
    expect(await readdir(root)).not.toContain('certificate.json');
  });

  it('writes nothing at all when the certificate breaks its schema', async () => {
    const bad = regressionReport();
    bad.certificate = { ...certificate, level: 'gold' as 'full' };
    await expect(writeReports(root, bad)).rejects.toThrow(/\/certificate\/level/);
    expect(await readdir(root)).toEqual([]);
  });
});

describe('writeReports: atomicity', () => {
  const names = [REPORT_FILES.json, REPORT_FILES.html, REPORT_FILES.markdown, REPORT_FILES.junit, REPORT_FILES.certificate];
  const realIo: AtomicWriteFs = { open: fs.open, rename: fs.rename, rm: fs.rm };

  /** Every file in `dir` with its content, so "intact" can be asserted byte for byte. */
  async function snapshot(dir: string): Promise<Record<string, string>> {
    const files = (await readdir(dir)).sort();
    return Object.fromEntries(await Promise.all(files.map(async (f) => [f, await readFile(path.join(dir, f), 'utf8')] as const)));
  }

  /** A later run's report: the same files, each with different content (another suite version). */
  function nextReport(): ReturnType<typeof regressionReport> {
    const next = regressionReport();
    next.runInfo.suiteVersion = '0.1.1';
    next.runInfo.startedAt = '2025-01-02T03:04:06.000Z'; // junit.xml carries the start, not the version
    next.certificate = { ...certificate, suiteVersion: '0.1.1' };
    return next;
  }

  it('writes every file to a temp file in the same folder, then renames it over its name', async () => {
    const opened: string[] = [];
    const renamed: [string, string][] = [];
    const io: AtomicWriteFs = {
      ...realIo,
      open: (...args: Parameters<typeof fs.open>) => {
        opened.push(String(args[0]));
        return fs.open(...args);
      },
      rename: async (from, to) => {
        renamed.push([String(from), String(to)]);
        await fs.rename(from, to);
      },
    };
    const written = await writeReports(root, regressionReport(), {}, io);
    expect(written).toEqual(names.map((name) => path.join(root, name)));
    // One temp file per report, never the report's own name: nothing is written in place.
    expect(opened).toHaveLength(names.length);
    expect(renamed.map(([, to]) => to)).toEqual(written);
    renamed.forEach(([from, to], index) => {
      expect(from).toBe(opened[index]);
      expect(path.dirname(from)).toBe(root);
      expect(path.basename(from).startsWith(`.${path.basename(to)}.`) && from.endsWith('.tmp')).toBe(true);
    });
    expect(await readdir(root)).toEqual([...names].sort());
  });

  it.each(names.map((name, index) => [name, index] as const))(
    'a failed write of %s leaves it and the later files as they were, and no temp file',
    async (failing, index) => {
      await writeReports(root, regressionReport());
      const before = await snapshot(root);
      const io: AtomicWriteFs = {
        ...realIo,
        rename: (from, to) => (path.basename(String(to)) === failing ? Promise.reject(new Error('EIO: simulated')) : fs.rename(from, to)),
      };
      await expect(writeReports(root, nextReport(), {}, io)).rejects.toThrow('simulated');
      const after = await snapshot(root);
      // No temp file left behind, and no report file lost.
      expect(Object.keys(after)).toEqual(Object.keys(before));
      for (const name of names.slice(index)) expect(after[name]).toBe(before[name]);
      // Files are atomic one by one, not as a set: the ones written before the failure are new.
      for (const name of names.slice(0, index)) expect(after[name]).not.toBe(before[name]);
    },
  );

  it('a write that fails half-way leaves the previous file whole', async () => {
    await writeReports(root, regressionReport());
    const before = await snapshot(root);
    const io: AtomicWriteFs = {
      ...realIo,
      open: async (...args: Parameters<typeof fs.open>) => {
        const handle = await fs.open(...args);
        // Writes a few bytes of the temp file, then fails like a full disk.
        handle.writeFile = async (data) => {
          await fs.appendFile(args[0], String(data).slice(0, 5));
          throw new Error('ENOSPC: simulated full disk');
        };
        return handle;
      },
    };
    await expect(writeReports(root, nextReport(), {}, io)).rejects.toThrow('simulated full disk');
    expect(await snapshot(root)).toEqual(before);
  });
});
