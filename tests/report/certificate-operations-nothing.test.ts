/**
 * The top-level certificate line of a read-only run: its families are certified on the reads alone,
 * both starts (every case a write, skipped) certified nothing. "PARTIAL (8 families certified, …)"
 * read as nearly every operation certified; the line says which operations certified nothing.
 */
import type { Certificate, FamilyVerdict } from '../../src/model';
import { certificateDetail } from '../../src/report/regression-text';
import { renderConsole } from '../../src/report/render-console';
import { renderHtml } from '../../src/report/render-html';
import { renderMarkdown } from '../../src/report/render-markdown';
import { certificate, regressionReport } from './regression-fixtures';

const certified = (family: string): FamilyVerdict => ({ family, title: family, core: true, verdict: 'certified', passed: 2, failed: 0, notJudged: 0, skipped: 0 });
const untested = (family: string): FamilyVerdict => ({ family, title: family, core: true, verdict: 'not-applicable', passed: 0, failed: 0, notJudged: 0, skipped: 3 });
const names = ['authentication', 'not-found'];

const readOnly: Certificate = {
  ...certificate,
  operations: [
    { operationId: 'getWhatsAppSyncStatus', operation: 'GET /v1/senders/{senderId}/whatsapp-sync', families: names.map(certified), level: 'full' },
    { operationId: 'startWhatsAppHistorySync', operation: 'POST /v1/senders/{senderId}/whatsapp-sync/history', families: names.map(untested), level: 'partial' },
    { operationId: 'startWhatsAppContactsSync', operation: 'POST /v1/senders/{senderId}/whatsapp-sync/contacts', families: names.map(untested), level: 'partial' },
  ],
  families: names.map((family) => ({ ...certified(family), skipped: 6 })),
  level: 'partial',
};

test('a PARTIAL certificate names the operations that certified nothing, after the families certified', () => {
  expect(certificateDetail(readOnly)).toBe('2 families certified, 2 of 3 operations certified nothing (startWhatsAppHistorySync, startWhatsAppContactsSync), 12 cases skipped (certified without them: 6 of authentication, 6 of not-found)');
  // One operation's own line has no operations to name.
  expect(certificateDetail({ ...readOnly.operations[1]!, operationId: 'startWhatsAppHistorySync' })).not.toContain('operations');
  // Every operation certified something: nothing to add.
  const allCertified = { ...readOnly, operations: readOnly.operations.map((op) => ({ ...op, families: names.map(certified) })) };
  expect(certificateDetail(allCertified)).not.toContain('operations');
  // One shard's slice: an operation with no case in it (another shard's) was not judged here, so it is not named.
  const shard = { ...readOnly, operations: [readOnly.operations[0]!, { ...readOnly.operations[1]!, families: [] }, readOnly.operations[2]!] };
  expect(certificateDetail(shard)).toContain('1 of 2 operations certified nothing (startWhatsAppContactsSync)');
});

test('the console, summary.md and the HTML each show it on the certificate line', () => {
  const report = { ...regressionReport(), certificate: readOnly };
  const said = '2 of 3 operations certified nothing (startWhatsAppHistorySync, startWhatsAppContactsSync)';
  expect(renderConsole(report).split('\n').find((line) => line.startsWith('certificate: '))).toContain(said);
  expect(renderMarkdown(report).split('\n').find((line) => line.startsWith('- Certificate: '))).toContain(said);
  expect(renderHtml(report)).toContain(said);
});

// Operation ids are the user's own operations folder and spec (--operations, --spec): a read-only run
// over a spec of many starts must not print them all on the one certificate line, nor a control
// character of one.
test('many operations that certified nothing: the first few named (escaped, each cut), the rest counted', () => {
  const ids = Array.from({ length: 12 }, (_, i) => `start${i}`);
  ids[0] = 'start\u001b[2J\u202eevil';
  ids[1] = 'x'.repeat(300);
  const many: Certificate = { ...readOnly, operations: [readOnly.operations[0]!, ...ids.map((operationId) => ({ ...readOnly.operations[1]!, operationId }))] };
  const line = certificateDetail(many);
  expect(line).toContain('12 of 13 operations certified nothing (start\\u001b[2J\\u202eevil, ');
  expect(line).toContain(', start2, start3, start4; +7 more)');
  // Six: the sixth named, never "+1 more".
  const six: Certificate = { ...readOnly, operations: [readOnly.operations[0]!, ...ids.slice(2, 8).map((operationId) => ({ ...readOnly.operations[1]!, operationId }))] };
  expect(certificateDetail(six)).toContain('6 of 7 operations certified nothing (start2, start3, start4, start5, start6, start7)');
  expect(line).not.toMatch(/[\u001b\u202e]/u);
  expect(line).not.toContain('x'.repeat(81));
  expect(line).not.toContain('start5');
});
