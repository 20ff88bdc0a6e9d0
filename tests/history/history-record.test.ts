/**
 * The --operation filter a record keeps (operationFilterOf): what a later run's window reads to tell
 * a one-operation check from a full night (history-window.ts), so a list must mean narrower than
 * the run's contract, and one --operation must read as one, however it was typed.
 */
import { ALL_OPERATIONS, operationFilterOf } from '../../src/history/history-record';

const EVERY = ['getWhatsAppSyncStatus', 'startWhatsAppContactsSync', 'startWhatsAppHistorySync'];

test('no --operation is every operation', () => {
  expect(operationFilterOf(undefined, EVERY)).toBe(ALL_OPERATIONS);
  expect(operationFilterOf([], EVERY)).toBe(ALL_OPERATIONS);
});

test('the operationIds asked for, sorted and each once: `--operation b,a,b` is the check `--operation a,b` is', () => {
  expect(operationFilterOf(['startWhatsAppHistorySync', 'getWhatsAppSyncStatus', 'startWhatsAppHistorySync'], EVERY)).toEqual(['getWhatsAppSyncStatus', 'startWhatsAppHistorySync']);
});

test('--operation naming every operation of the contract is a full night, recorded as one given none', () => {
  // Recorded as a list, a CI that names its operations had every night of the old contract read as
  // a check after an upgrade added one, and dropped from the window, where a night given no
  // --operation of that contract counts (history-window.ts wantedOfRuns).
  expect(operationFilterOf([...EVERY].reverse(), EVERY)).toBe(ALL_OPERATIONS);
  expect(operationFilterOf([...EVERY, EVERY[0]!], EVERY)).toBe(ALL_OPERATIONS);
  expect(operationFilterOf(['getWhatsAppSyncStatus'], ['getWhatsAppSyncStatus'])).toBe(ALL_OPERATIONS);
});
