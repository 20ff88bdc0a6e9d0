import * as path from 'node:path';
import { certify } from '../../src/certificate/certify';
import type { CaseResult, ConformanceReport, OperationCoverage } from '../../src/model';
import { TARGET_LOST_NOTE } from '../../src/model/result';
import { readReportFile } from '../../src/report/read-report';
import { validateCertificate } from '../../src/report/certificate-schema';
import { renderCertificateJson } from '../../src/report/render-json';
import { FAMILIES, readId, report, result, runInfo, sequenceResult, skippedResult } from '../report/fixtures';
import { certificate as expectedCertificate, regressionReport } from '../report/regression-fixtures';

const START = { operationId: 'startWhatsAppHistorySync', operation: 'POST /v1/senders/{senderId}/whatsapp-sync/history' };
const READ_CORE = ['coexistence', 'no-waba', 'not-coexistence', 'authentication', 'not-found'];

const pass = (family: string, id = family): CaseResult => result({ id: readId(id), family });
const skip = (family: string, id = `${family}-skipped`): CaseResult => ({ ...skippedResult, id: readId(id), family });
/** The start sequence, passing this time. */
function started(id = 'start'): CaseResult {
  const { failedStep: _failed, ...rest } = sequenceResult;
  return { ...rest, id: `${START.operationId}/${id}`, status: 'passed', violations: [] };
}

/** Only the read operation, as the suite certified before sequences. */
const readOnly = (results: CaseResult[]): ConformanceReport => report(results, { ...runInfo, operations: runInfo.operations.slice(0, 1) });
const readCore = (): CaseResult[] => READ_CORE.map((f) => pass(f));
/** An operation's coverage that says only which statuses were documented and seen. */
const statuses = (operationId: string, documented: string[], seen: string[]): OperationCoverage => ({
  operationId, operation: operationId, exchanges: 1, unwalked: 0, statuses: { documented, seen, undocumented: 0 }, errorExamples: { documented: [], matched: [] }, enums: [], optional: [],
});
const levels = (c: ReturnType<typeof certify>): Record<string, string> => Object.fromEntries(c.operations.map((op) => [op.operationId, op.level]));

describe('certify', () => {
  it('lists every operation of the run, then every declared family over all operations, titled and marked core from runInfo', () => {
    const certificate = certify(report([pass('coexistence')]));
    expect(certificate.operations.map((op) => op.operationId)).toEqual(['getWhatsAppSyncStatus', 'startWhatsAppHistorySync']);
    expect(certificate.families.map((f) => f.family)).toEqual(FAMILIES.map((f) => f.id));
    expect(certificate.families.at(-1)).toEqual({ family: 'negative-inputs', title: 'hostile path parameters get a documented 4xx', core: false, verdict: 'not-applicable', passed: 0, failed: 0, notJudged: 0, skipped: 0 });
    expect(certificate).toMatchObject({ target: runInfo.target, specSha256: runInfo.specSha256, date: runInfo.finishedAt, mode: 'live' });
    expect(validateCertificate(certificate)).toBe(certificate);
  });

  it("names the case data the verdicts were reached with (runInfo.casesSha256) beside the spec's sha256; a run without it, none", () => {
    const digest = 'd'.repeat(64);
    const named = certify(report([pass('coexistence')], { ...runInfo, casesSha256: digest }));
    expect(named.casesSha256).toBe(digest);
    expect(validateCertificate(named)).toBe(named);
    expect(Object.keys(JSON.parse(renderCertificateJson(named)) as object).slice(2, 5)).toEqual(['specVersion', 'specSha256', 'casesSha256']);
    const { casesSha256: _none, ...older } = { ...runInfo, casesSha256: digest };
    expect('casesSha256' in certify(report([pass('coexistence')], older))).toBe(false);
  });

  it('names the build of the suite that certified the server (runInfo.suiteBuild) beside its version; a run without one (an older certificate) names none and still reads', () => {
    const named = certify(report([pass('coexistence')], { ...runInfo, suiteBuild: '0123456789ab' }));
    expect(named.suiteBuild).toBe('0123456789ab');
    expect(validateCertificate(named)).toBe(named);
    expect(Object.keys(JSON.parse(renderCertificateJson(named)) as object).slice(0, 4)).toEqual(['target', 'suiteVersion', 'suiteBuild', 'specVersion']);
    const older = certify(report([pass('coexistence')], runInfo));
    expect('suiteBuild' in older).toBe(false);
    expect(validateCertificate(older)).toBe(older);
    // Only a build id as the build writes it: the certificate's schema holds it to the runInfo's shape.
    expect(() => validateCertificate({ ...named, suiteBuild: '<b>x</b>' })).toThrow(/suiteBuild/);
  });

  it('says a run declared its target a mock (runInfo.mockTarget), so certificate.json alone tells a FULL resting on writes to every sender; says nothing otherwise', () => {
    const mock = certify(report([...readCore(), started()], { ...runInfo, allowWrites: true, mockTarget: true }));
    expect(mock).toMatchObject({ level: 'full', mockTarget: true });
    expect(validateCertificate(mock)).toBe(mock);
    expect(JSON.parse(renderCertificateJson(mock))).toMatchObject({ level: 'full', mockTarget: true });
    expect(certify(report([...readCore(), started()], { ...runInfo, allowWrites: true }))).not.toHaveProperty('mockTarget');
  });

  it('says a live run reached its https target with no certificate verified (runInfo.tlsUnverified): its level stands, as the answers were judged, and certificate.json alone says they may not be the target\'s', () => {
    const unverified = certify(report([...readCore(), started()], { ...runInfo, tlsUnverified: true }));
    expect(unverified).toMatchObject({ level: 'full', tlsUnverified: true });
    expect(validateCertificate(unverified)).toBe(unverified);
    expect(JSON.parse(renderCertificateJson(unverified))).toMatchObject({ level: 'full', tlsUnverified: true });
    expect(certify(report([...readCore(), started()], runInfo))).not.toHaveProperty('tlsUnverified');
  });

  it('takes families from the data: a family no list in code knows is certified like any other', () => {
    const info = { ...runInfo, families: [...runInfo.families, { id: 'brand-new', title: 'a family added in data', core: true }] };
    const certificate = certify(report([pass('brand-new')], info));
    expect(certificate.operations[0]?.families).toEqual([{ family: 'brand-new', title: 'a family added in data', core: true, verdict: 'certified', passed: 1, failed: 0, notJudged: 0, skipped: 0 }]);
  });

  it('lists under an operation only the families it has cases of', () => {
    const certificate = certify(report([...readCore(), started()]));
    expect(certificate.operations[0]?.families.map((f) => f.family)).toEqual(READ_CORE);
    expect(certificate.operations[1]?.families.map((f) => f.family)).toEqual(['start-sync']);
    expect(levels(certificate)).toEqual({ getWhatsAppSyncStatus: 'full', startWhatsAppHistorySync: 'full' });
    expect(certificate.level).toBe('full');
  });

  it('is full for an operation when its core families are certified with nothing skipped; the optional family may be absent or must pass', () => {
    expect(certify(readOnly(readCore())).level).toBe('full');
    expect(certify(readOnly([...readCore(), pass('negative-inputs')])).level).toBe('full');
    expect(certify(readOnly([...readCore(), skip('negative-inputs')])).level).toBe('partial');
  });

  it('treats an all-skipped family as not applicable and a partly skipped one as certified, both making the operation partial', () => {
    const allSkipped = [...readCore().filter((r) => r.family !== 'no-waba'), skip('no-waba')];
    const certificate = certify(readOnly(allSkipped));
    expect(certificate.operations[0]?.families.find((f) => f.family === 'no-waba')?.verdict).toBe('not-applicable');
    expect(certificate.level).toBe('partial');
    const partly = certify(readOnly([...readCore(), skip('coexistence')]));
    expect(partly.operations[0]?.families[0]).toMatchObject({ family: 'coexistence', verdict: 'certified', passed: 1, skipped: 1 });
    expect(partly.level).toBe('partial');
  });

  it('fails a family, its operation and the certificate for a failed or flaky case', () => {
    for (const status of ['failed', 'flaky'] as const) {
      const certificate = certify(report([...readCore(), result({ id: readId('bad'), family: 'authentication', status }), started()]));
      expect(certificate.operations[0]?.families.find((f) => f.family === 'authentication')).toMatchObject({ verdict: 'failed', passed: 1, failed: 1, notJudged: 0 });
      expect(levels(certificate)).toEqual({ getWhatsAppSyncStatus: 'failed', startWhatsAppHistorySync: 'full' });
      expect(certificate.level).toBe('failed');
    }
  });

  it('says "not judged", not "failed", of a family whose only bad cases are in error (a final 429): no breach seen, yet the level stays failed for a gate', () => {
    const certificate = certify(report([...readCore(), result({ id: readId('limited'), family: 'authentication', status: 'error' }), started()]));
    expect(certificate.operations[0]?.families.find((f) => f.family === 'authentication')).toMatchObject({ verdict: 'not-judged', passed: 1, failed: 0, notJudged: 1 });
    expect(certificate.families.find((f) => f.family === 'authentication')).toMatchObject({ verdict: 'not-judged', failed: 0, notJudged: 1 });
    // A gate reading level != "failed" must not pass a run it could not judge.
    expect(levels(certificate)).toEqual({ getWhatsAppSyncStatus: 'failed', startWhatsAppHistorySync: 'full' });
    expect(certificate.level).toBe('failed');
    expect(validateCertificate(certificate)).toBe(certificate);
    // A failure in the same family outranks what was not judged.
    const both = certify(report([...readCore(), result({ id: readId('limited'), family: 'authentication', status: 'error' }), result({ id: readId('bad'), family: 'authentication', status: 'failed' })]));
    expect(both.operations[0]?.families.find((f) => f.family === 'authentication')).toMatchObject({ verdict: 'failed', failed: 1, notJudged: 1 });
  });

  it('sums a family over operations in the aggregate, and fails it there when it fails in any one', () => {
    const readAuth = pass('authentication', 'auth-read');
    const startAuth: CaseResult = { ...result({ id: `${START.operationId}/no-credentials`, family: 'authentication', status: 'failed' }), ...START };
    const certificate = certify(report([readAuth, startAuth]));
    expect(certificate.families.find((f) => f.family === 'authentication')).toMatchObject({ verdict: 'failed', passed: 1, failed: 1 });
  });

  it('is partial overall when one operation is partial, and for an operation with no case here (another shard\'s)', () => {
    const oneShard = certify(report(readCore()));
    expect(levels(oneShard)).toEqual({ getWhatsAppSyncStatus: 'full', startWhatsAppHistorySync: 'partial' });
    expect(oneShard.operations[1]?.families).toEqual([]);
    expect(oneShard.level).toBe('partial');
  });

  it("is never FULL for one shard's slice of a plan, nor says a success was never seen there: another shard may hold what it lacks; a shard 1/1 is the whole plan", () => {
    const slice = { ...runInfo, operations: runInfo.operations.slice(0, 1), shard: '1/3', shardPlan: { cases: 77, sha256: 'a'.repeat(64) } };
    const unseen = { ...report(readCore(), slice), coverage: { operations: [statuses('getWhatsAppSyncStatus', ['200'], ['400'])] } } as ConformanceReport;
    const shard = certify(unseen);
    expect(levels(shard)).toEqual({ getWhatsAppSyncStatus: 'partial' });
    expect(shard.level).toBe('partial');
    expect(shard.operations[0]).not.toHaveProperty('unseenSuccess');
    // The same cases as the whole plan: FULL, as without --shard.
    const whole = certify(report(readCore(), { ...slice, shard: '1/1', shardPlan: { cases: READ_CORE.length, sha256: 'a'.repeat(64) } }));
    expect(whole.level).toBe('full');
  });

  it('certifies a sequence as one case of its family', () => {
    const certificate = certify(report([...readCore(), sequenceResult]));
    expect(certificate.operations[1]).toMatchObject({ operationId: START.operationId, level: 'failed', families: [{ family: 'start-sync', failed: 1, passed: 0 }] });
  });

  it('certifies the report of a real run: a failed coexistence case fails its operation and the certificate', () => {
    const real = readReportFile(path.join(__dirname, '..', 'baseline', 'fixtures', 'conformance-operations.json'), 'fixture');
    const certificate = certify(real);
    expect(certificate.level).toBe('failed');
    expect(Object.fromEntries(certificate.operations[0]!.families.map((f) => [f.family, f.verdict]))).toEqual({
      'coexistence': 'failed', 'no-waba': 'not-applicable', 'not-coexistence': 'not-applicable', 'authentication': 'certified', 'not-found': 'certified',
    });
    expect(levels(certificate)).toEqual({ getWhatsAppSyncStatus: 'failed', startWhatsAppHistorySync: 'failed' });
  });

  it('is not full for an operation whose documented success status no answer had: a start refused in every case passes, but is partial', () => {
    const withCoverage = (startSeen: string[]): ConformanceReport => ({
      ...report([...readCore(), started()]),
      coverage: { operations: [statuses('getWhatsAppSyncStatus', ['200', '400', '401', '404'], ['200', '400', '401', '404']), statuses(START.operationId, ['202', '400', '401', '404'], startSeen)] } as NonNullable<ConformanceReport['coverage']>,
    });
    const refused = certify(withCoverage(['400', '401', '404']));
    expect(levels(refused)).toEqual({ getWhatsAppSyncStatus: 'full', startWhatsAppHistorySync: 'partial' });
    expect(refused.operations[1]?.unseenSuccess).toEqual(['202']);
    expect(refused.operations[0]?.unseenSuccess).toBeUndefined();
    expect(refused.level).toBe('partial');
    expect(validateCertificate(refused)).toBe(refused);
    // Seen once: full again, and no field.
    const accepted = certify(withCoverage(['202', '400']));
    expect(levels(accepted)).toEqual({ getWhatsAppSyncStatus: 'full', startWhatsAppHistorySync: 'full' });
    expect(accepted.operations[1]).not.toHaveProperty('unseenSuccess');
  });

  it('takes one documented success seen as enough (a contract may document 200 and 2XX), and says nothing of an operation none of whose cases was sent', () => {
    const coverage = (results: CaseResult[], startSeen: string[]): ConformanceReport => ({
      ...report(results),
      coverage: { operations: [statuses('getWhatsAppSyncStatus', ['200', '2XX', '404'], ['200', '404']), statuses(START.operationId, ['202', '400'], startSeen)] } as NonNullable<ConformanceReport['coverage']>,
    });
    const both = certify(coverage([...readCore(), started()], ['202']));
    expect(both.operations.map((op) => op.unseenSuccess)).toEqual([undefined, undefined]);
    expect(levels(both)).toEqual({ getWhatsAppSyncStatus: 'full', startWhatsAppHistorySync: 'full' });
    // Every start case skipped (a live run without --allow-writes): partial for its skips, and no "never seen".
    const unsent = certify(coverage([...readCore(), { ...started(), status: 'skipped', skipReason: 'writes not allowed (--allow-writes)' }], []));
    expect(unsent.operations[1]).toMatchObject({ level: 'partial' });
    expect(unsent.operations[1]).not.toHaveProperty('unseenSuccess');
  });

  it('says no success was never seen of an operation whose every case the loss of the target left unsent: nothing was asked of it', () => {
    // A mock that crashed on a hostile id of the read: no start was sent, so "202 never seen" (and its
    // advice to run again on fresh state) would send its author after pending syncs that do not exist.
    const lost: CaseResult = { ...started(), status: 'error', errorMessage: `step read-before: ${TARGET_LOST_NOTE}`, violations: [] };
    const withCoverage = (starts: CaseResult[]): ConformanceReport => ({
      ...report([...readCore(), ...starts]),
      coverage: { operations: [statuses('getWhatsAppSyncStatus', ['200', '400', '401', '404'], ['200', '404']), statuses(START.operationId, ['202', '400', '401', '404'], [])] } as NonNullable<ConformanceReport['coverage']>,
    });
    const cut = certify(withCoverage([lost, { ...lost, id: `${START.operationId}/start-again` }]));
    expect(cut.operations[1]).toMatchObject({ level: 'failed' });
    expect(cut.operations[1]).not.toHaveProperty('unseenSuccess');
    // One start sent and refused before the loss: it was asked, and none succeeded.
    const refusedThenLost = certify(withCoverage([lost, { ...started('start-refused'), status: 'passed' }]));
    expect(refusedThenLost.operations[1]?.unseenSuccess).toEqual(['202']);
  });

  it('gives the certificate the report fixtures carry (they are used to test every renderer)', () => {
    expect(certify(regressionReport())).toEqual(expectedCertificate);
  });
});
