import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { REPORT_FILES, writeReports } from '../../src/report/write-reports';
import { clone, failedResult, mixedReport, report } from './fixtures';
import { certificate, regressionReport } from './regression-fixtures';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'write-reports-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('writeReports', () => {
  it('creates the folder and writes the three report files, returning their paths', async () => {
    const dir = path.join(root, 'nested', 'reports');
    const written = await writeReports(dir, mixedReport());
    expect(written).toEqual([REPORT_FILES.json, REPORT_FILES.html, REPORT_FILES.markdown].map((f) => path.join(dir, f)));
    expect((await readdir(dir)).sort()).toEqual(['conformance.html', 'conformance.json', 'summary.md']);
    expect(JSON.parse(await readFile(path.join(dir, 'conformance.json'), 'utf8'))).toEqual(mixedReport());
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
