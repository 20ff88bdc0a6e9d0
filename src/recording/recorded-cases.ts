/**
 * What a replay run can plan from the recordings alone: each recorded case with its scenario, the
 * path parameter values it was sent with and the auth variant. Fixture values come from here, so a
 * replay on a pull request needs neither the API key nor the fixture configuration.
 */
import type { AuthVariant, OperationContract } from '../model';
import type { LoadedRecording } from './read-recordings';
import { escapeRegex } from './secret-forms';

export interface RecordedCase {
  scenario: string;
  /** Path parameter values decoded from the first recorded exchange of the case. */
  params: Record<string, string>;
  /** Of the case's first exchange. */
  authVariant: AuthVariant;
}

/** The case an exchange id belongs to: "<case>#<step>" is a step of a sequence. */
export function caseOfExchange(exchangeId: string): { caseId: string; step?: string } {
  const hash = exchangeId.lastIndexOf('#');
  return hash === -1 ? { caseId: exchangeId } : { caseId: exchangeId.slice(0, hash), step: exchangeId.slice(hash + 1) };
}

/** Values of a path template's parameters in a recorded path, or undefined when the path does not fit. */
export function matchPath(pathTemplate: string, path: string): Record<string, string> | undefined {
  const names: string[] = [];
  const pattern = pathTemplate.split(/(\{[^{}]+\})/).map((piece) => {
    const name = /^\{([^{}]+)\}$/.exec(piece)?.[1];
    if (name === undefined) return escapeRegex(piece);
    names.push(name);
    return '([^/?#]*)';
  });
  // Anchored at the end only: a base URL with its own path prefix may precede the template.
  const match = new RegExp(`${pattern.join('')}(?:[?#].*)?$`).exec(path);
  if (match === null) return undefined;
  return Object.fromEntries(names.map((name, index) => [name, decode(match[index + 1] ?? '')]));
}

function decode(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * Recorded cases by case id. When several files record the same case, the first file (in the
 * order readRecordings returns them) wins, the same entry the replay transport serves first.
 * `operationOf(stepId)` gives the operation a case's exchange was sent to, to read its path.
 */
export function recordedCases(recordings: readonly LoadedRecording[], templateOf: (caseId: string, step: string | undefined) => OperationContract | undefined): Map<string, RecordedCase> {
  const cases = new Map<string, RecordedCase>();
  for (const recording of recordings) {
    for (const entry of recording.entries) {
      const { caseId, step } = caseOfExchange(entry.caseId);
      if (cases.has(caseId)) continue;
      const operation = templateOf(caseId, step);
      const params = operation === undefined ? undefined : matchPath(operation.pathTemplate, entry.exchange.request.path);
      cases.set(caseId, { scenario: entry.scenario, authVariant: entry.authVariant, params: params ?? {} });
    }
  }
  return cases;
}
