/**
 * Registering the handlers on the user's pactum. pactum keeps its handlers in module state, so
 * they must land on the very instance the user's specs run with: the caller may pass its
 * `handler`; otherwise pactum is required here, at call time, never when the package loads
 * (pactum is an optional peer dependency: a user of the CLI or the Jest matchers needs none).
 */
import { ZAVU_EXPECT_HANDLERS, zavuContractHandler, zavuErrorHandler, type PactumExpectContext } from './expect-handlers';
import { UsageError } from '../model/errors';

/** The part of pactum's `handler` export this uses (`require('pactum').handler`). */
export interface PactumHandler {
  addExpectHandler(name: string, func: (ctx: PactumExpectContext) => void): void;
}

function isPactumHandler(value: unknown): value is PactumHandler {
  return typeof value === 'object' && value !== null && typeof (value as { addExpectHandler?: unknown }).addExpectHandler === 'function';
}

/** pactum's `handler`, resolved from this package's place in node_modules: where npm puts the user's peer. */
function installedPactumHandler(): PactumHandler {
  let pactum: unknown;
  try {
    // A call-time require on purpose: the entry must load without pactum installed.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    pactum = require('pactum');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'MODULE_NOT_FOUND' && /'pactum'/.test((error as Error).message)) {
      throw new UsageError("zavu-conformance/pactum: pactum is not installed (npm install --save-dev pactum), or pass your pactum's handler: registerZavuHandlers(require('pactum').handler)");
    }
    throw error;
  }
  const handler = (pactum as { handler?: unknown }).handler;
  if (!isPactumHandler(handler)) throw new UsageError('zavu-conformance/pactum: the installed pactum has no handler.addExpectHandler (pactum 3 is needed)');
  return handler;
}

/**
 * Registers `zavuContract` and `zavuError` as pactum expect handlers, on `pactumHandler` when
 * given (pactum's `handler` export), else on the pactum installed beside this package.
 * Returns the names registered.
 */
export function registerZavuHandlers(pactumHandler?: PactumHandler): typeof ZAVU_EXPECT_HANDLERS {
  if (pactumHandler !== undefined && !isPactumHandler(pactumHandler)) {
    throw new UsageError("registerZavuHandlers: expected pactum's handler (require('pactum').handler), an object with addExpectHandler");
  }
  const handler = pactumHandler ?? installedPactumHandler();
  handler.addExpectHandler(ZAVU_EXPECT_HANDLERS.contract, zavuContractHandler);
  handler.addExpectHandler(ZAVU_EXPECT_HANDLERS.error, zavuErrorHandler);
  return ZAVU_EXPECT_HANDLERS;
}
