/**
 * What a replay run can plan from the recordings alone: each recorded case with its scenario, the
 * path parameter values it was sent with and the auth variant. Fixture values come from here, so a
 * replay on a pull request needs neither the API key nor the fixture configuration.
 */
import { basename, dirname } from 'node:path';
import type { AuthVariant, OperationContract } from '../model';
import { RecordingError } from '../model/errors';
import { caseOfExchange } from '../model/exchange-id';
import type { LoadedRecording } from './read-recordings';
import { escapeRegex } from '../text/escape-regex';

export interface RecordedCase {
  scenario: string;
  /** Path parameter values decoded from the first recorded exchange of the case that is not a witness read. */
  params: Record<string, string>;
  /** The path values of each witness read (a step with a path of its own), by step id. */
  stepParams: Record<string, Record<string, string>>;
  /** Of the case's first exchange. */
  authVariant: AuthVariant;
  /**
   * Whether an exchange on the case's own path was recorded (`params` are its values): a sequence
   * that failed at a step with a path of its own stopped before it.
   */
  ownPathSent: boolean;
  /** The auth of every exchange recorded of the case (a replay plans the steps a recording holds). */
  authVariants: AuthVariant[];
  /** The roles its sender was bound through (`_zavu.boundAs` of its first entry that has it); absent in older recordings. */
  boundAs?: Record<string, string>;
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
 * Recorded cases by case id. A record run writes each case into one file (its operation's), so a
 * case in two files is two recordings of it (an old copy kept beside a new one): which one a replay
 * judged would depend on the files' names, so that is an error naming both.
 * `templateOf(caseId, step)` gives the operation a case's exchange was sent to, to read its path,
 * and `isWitness(caseId, step)` whether that step reads a fixture of its own (its values are kept
 * apart, not taken for the case's).
 */
export function recordedCases(
  recordings: readonly LoadedRecording[],
  templateOf: (caseId: string, step: string | undefined) => OperationContract | undefined,
  isWitness: (caseId: string, step: string | undefined) => boolean = () => false,
): Map<string, RecordedCase> {
  const cases = new Map<string, RecordedCase>();
  const fileOf = new Map<string, string>();
  const hasParams = new Set<string>();
  for (const recording of recordings) {
    for (const entry of recording.entries) {
      const { caseId, step } = caseOfExchange(entry.caseId);
      const first = fileOf.get(caseId);
      if (first !== undefined && first !== recording.file) {
        throw new RecordingError(`${caseId} is recorded in both ${basename(first)} and ${basename(recording.file)} (in ${dirname(recording.file)}): keep one of them`);
      }
      fileOf.set(caseId, recording.file);
      const operation = templateOf(caseId, step);
      const params = (operation === undefined ? undefined : matchPath(operation.pathTemplate, entry.exchange.request.path)) ?? {};
      const known = cases.get(caseId) ?? { scenario: entry.scenario, authVariant: entry.authVariant, authVariants: [], params: {}, stepParams: {}, ownPathSent: false };
      cases.set(caseId, known);
      if (!known.authVariants.includes(entry.authVariant)) known.authVariants.push(entry.authVariant);
      if (known.boundAs === undefined && entry.boundAs !== undefined) known.boundAs = entry.boundAs;
      if (step !== undefined && isWitness(caseId, step)) known.stepParams[step] ??= params;
      else if (!hasParams.has(caseId)) {
        known.params = params;
        known.ownPathSent = true;
        hasParams.add(caseId);
      }
    }
  }
  return cases;
}
