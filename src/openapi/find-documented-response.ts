/**
 * Which documented response answers a status, with OpenAPI's matching rules: one function for the
 * checks (what governs a received answer) and the registry (whether a row may expect a status), so
 * a row is held to the statuses the checks would find documented. Here, in the spec's layer, as
 * both may import it (the registry may not import checks: ARCHITECTURE.md's layers).
 */
import type { DocumentedResponse, OperationContract } from '../model/operation';

/**
 * The documented response that governs `status`, or undefined when the operation does not
 * document it. OpenAPI 3.0 precedence: an exact code ("404") beats a range ("4XX"), which beats
 * "default". Ranges and "default" are matched case-insensitively because specs write both.
 */
export function findDocumentedResponse(
  operation: OperationContract,
  status: number,
): DocumentedResponse | undefined {
  const exact = String(status);
  const range = `${Math.floor(status / 100)}XX`;
  const key = (response: DocumentedResponse): string => response.status.trim().toUpperCase();
  return (
    operation.responses.find((response) => key(response) === exact) ??
    operation.responses.find((response) => key(response) === range) ??
    operation.responses.find((response) => key(response) === 'DEFAULT')
  );
}
