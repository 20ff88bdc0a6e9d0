import { UsageError } from '../../src/model/errors';

/** The message of the UsageError (exit 2, one line) `run` throws; anything else thrown, or nothing, fails the test. */
export function usageMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('expected a UsageError, nothing was thrown');
}

/** The UsageError `run` throws, for its fields (`path`, `code`); anything else thrown, or nothing, fails the test. */
export function thrownUsageError(run: () => unknown): UsageError {
  try {
    run();
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error('expected a UsageError, nothing was thrown');
}
