/**
 * What a replay run can plan from the recordings alone: each recorded case with its scenario, the
 * sender id it was sent to and the auth variant. Fixture sender ids come from here, so a replay on
 * a pull request needs neither the API key nor the fixture configuration.
 */
import type { AuthVariant } from '../model';
import type { LoadedRecording } from './read-recordings';
import { escapeRegex } from './secret-forms';

export interface RecordedCase {
  scenario: string;
  /** Decoded from the recorded path; absent when the path does not fit the template. */
  senderId?: string;
  authVariant: AuthVariant;
}

/** A matcher for a path template such as "/v1/senders/{senderId}/whatsapp-sync". */
function senderMatcher(pathTemplate: string): RegExp {
  const [before = '', after = ''] = pathTemplate.split('{senderId}');
  // Anchored at the end only: a base URL with its own path prefix may precede the template.
  return new RegExp(`${escapeRegex(before)}([^/?#]*)${escapeRegex(after)}(?:[?#].*)?$`);
}

function decodeSender(path: string, matcher: RegExp): string | undefined {
  const raw = matcher.exec(path)?.[1];
  if (raw === undefined) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * Recorded cases by case id. When several files record the same case, the first file (in the
 * order readRecordings returns them) wins, the same entry the replay transport serves first.
 */
export function recordedCases(recordings: readonly LoadedRecording[], pathTemplate: string): Map<string, RecordedCase> {
  const matcher = senderMatcher(pathTemplate);
  const cases = new Map<string, RecordedCase>();
  for (const recording of recordings) {
    for (const entry of recording.entries) {
      if (cases.has(entry.caseId)) continue;
      const senderId = decodeSender(entry.exchange.request.path, matcher);
      cases.set(entry.caseId, { scenario: entry.scenario, authVariant: entry.authVariant, ...(senderId !== undefined ? { senderId } : {}) });
    }
  }
  return cases;
}
