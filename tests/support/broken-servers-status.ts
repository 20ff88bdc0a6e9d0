/** Broken servers that answer with the wrong status: refused senders served, auth not enforced. */
import { posix } from 'node:path';
import { seededSenderIds, type FaultContext, type PlannedResponse } from '../../src/reference-server';
import type { BrokenServer } from './broken-server-entry';
import { acceptCredentials, both, isOtherProjectSender, isSenderKind, isStatus, isUnknownSender, jsonAnswer, when } from './fault-builders';

/** A plausible 200 for a sender that has no coexistence sync at all. */
const NOT_COEXISTENCE_SYNC = {
  sync: {
    isCoexistence: false,
    status: 'active',
    history: { status: 'not_requested', canSync: false },
    contacts: { status: 'not_requested', canSync: false },
  },
};

/** Statuses that contradict the scenario's expectation, or that the contract does not document. */
export const STATUS_BREAKS: readonly BrokenServer[] = [
  {
    name: 'no-waba-returns-200',
    description: 'a sender without a WABA gets 200 with a non-coexistence sync body instead of 400',
    expectedCheck: 'status-code-expected',
    expectedCaseId: 'getWhatsAppSyncStatus/no-waba',
    fault: when(both(isSenderKind('no-waba'), isStatus(400)), () => jsonAnswer(200, NOT_COEXISTENCE_SYNC)),
  },
  {
    name: 'not-coexistence-returns-404',
    description: 'a WABA sender outside coexistence mode gets 404 instead of 400',
    expectedCheck: 'status-code-expected',
    expectedCaseId: 'getWhatsAppSyncStatus/not-coexistence',
    fault: when(both(isSenderKind('not-coexistence'), isStatus(400)), () =>
      jsonAnswer(404, { code: 'not_found', message: 'No coexistence account for this sender' }),
    ),
  },
  {
    name: 'head-no-waba-returns-200',
    description:
      'HEAD with the key to a sender without a WABA is answered 200 by a lightweight existence route (its GET answers 400 no_waba): HEAD is GET without its body (RFC 9110 §9.3.2), and its 2xx says the sender is syncable where the read refuses it',
    expectedCheck: 'status-code-expected',
    expectedCaseId: 'getWhatsAppSyncStatus/head-no-waba',
    expectedStep: 'head',
    fault: when((context) => context.method === 'HEAD' && isSenderKind('no-waba')(context) && isStatus(400)(context), () => ({ status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: '' })),
  },
  {
    name: 'head-not-coexistence-returns-200',
    description: 'HEAD with the key to a WABA sender outside coexistence mode is answered 200 (its GET answers 400 not_coexistence): the same existence route, blind to the account mode',
    expectedCheck: 'status-code-expected',
    expectedCaseId: 'getWhatsAppSyncStatus/head-not-coexistence',
    expectedStep: 'head',
    fault: when((context) => context.method === 'HEAD' && isSenderKind('not-coexistence')(context) && isStatus(400)(context), () => ({ status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: '' })),
  },
  {
    name: 'auth-not-enforced',
    description: 'a request without any Authorization header is served as if authenticated',
    expectedCheck: 'status-code-expected',
    expectedCaseId: 'getWhatsAppSyncStatus/no-credentials',
    fault: acceptCredentials((authorization) => authorization === undefined),
  },
  {
    name: 'wrong-key-accepted',
    description: 'any non-empty Bearer token is accepted, not only the configured key',
    expectedCheck: 'status-code-expected',
    expectedCaseId: 'getWhatsAppSyncStatus/wrong-key',
    fault: acceptCredentials((authorization) => /^bearer +\S+$/i.test(authorization ?? '')),
  },
  {
    name: 'empty-bearer-accepted',
    description: '"Authorization: Bearer " with an empty token is accepted',
    expectedCheck: 'status-code-expected',
    expectedCaseId: 'getWhatsAppSyncStatus/empty-bearer',
    // node:http trims trailing spaces from header values, so "Bearer " arrives as "Bearer".
    fault: acceptCredentials((authorization) => /^bearer\s*$/i.test(authorization ?? '')),
  },
  {
    name: 'key-without-scheme-accepted',
    description: 'the bare key, without the Bearer scheme, is accepted',
    expectedCheck: 'status-code-expected',
    expectedCaseId: 'getWhatsAppSyncStatus/key-without-scheme',
    fault: acceptCredentials((authorization) => /^\S+$/.test(authorization ?? '') && !/^bearer$/i.test(authorization ?? '')),
  },
  {
    name: 'basic-scheme-accepted',
    description: 'Basic credentials carrying the key are accepted although the contract requires Bearer',
    expectedCheck: 'status-code-expected',
    expectedCaseId: 'getWhatsAppSyncStatus/basic-scheme',
    fault: acceptCredentials((authorization) => /^basic /i.test(authorization ?? '')),
  },
  {
    name: 'lookup-before-auth',
    description: 'an unknown sender without credentials gets 404 (lookup before auth lets ids be enumerated)',
    expectedCheck: 'status-code-expected',
    expectedCaseId: 'getWhatsAppSyncStatus/unknown-sender-no-credentials',
    fault: when(both(isUnknownSender, isStatus(401)), () => jsonAnswer(404, { code: 'not_found', message: 'Sender not found' })),
  },
  {
    name: 'lookup-before-key-check',
    description: 'a key the server does not know is checked only after the sender lookup: an unknown sender with a wrong key gets 404, a real one 401, so ids can be enumerated with any key',
    expectedCheck: 'status-code-expected',
    expectedCaseId: 'getWhatsAppSyncStatus/unknown-sender-wrong-key',
    fault: when((context) => isUnknownSender(context) && isStatus(401)(context) && context.authorization !== undefined, () => jsonAnswer(404, { code: 'not_found', message: 'Sender not found' })),
  },
  {
    name: 'waba-checked-before-auth',
    description: 'a sender without a WABA gets its 400 without credentials (the sender is looked at before the caller is authenticated)',
    expectedCheck: 'status-code-expected',
    expectedCaseId: 'getWhatsAppSyncStatus/no-waba-no-credentials',
    fault: when(both(isSenderKind('no-waba'), isStatus(401)), (context) => context.unscoped()),
  },
  {
    name: 'head-waba-checked-before-auth',
    description:
      'HEAD alone looks at the sender before it authenticates the caller: without credentials a sender without a WABA, or one not in coexistence mode, gets its 400 (an unknown id and a coexistence sender 401, and every GET 401), so its status tells anyone what kind of sender an id is',
    expectedCheck: 'status-code-expected',
    expectedCaseId: 'getWhatsAppSyncStatus/no-waba-no-credentials',
    expectedStep: 'head',
    fault: when((context) => context.method === 'HEAD' && context.authorization === undefined && isStatus(401)(context) && (isSenderKind('no-waba')(context) || isSenderKind('not-coexistence')(context)), (context) => context.unscoped()),
  },
  {
    name: 'other-project-forbidden-without-credentials',
    description: "another project's sender gets 403 without credentials (unknown ids get 401): the answer confirms the sender exists",
    expectedCheck: 'status-code-expected',
    expectedCaseId: 'getWhatsAppSyncStatus/other-project-sender-no-credentials',
    fault: when(both(isOtherProjectSender, isStatus(401)), () => jsonAnswer(403, { code: 'forbidden', message: 'This sender belongs to another project' })),
  },
  {
    name: 'forbidden-for-wrong-key',
    description: 'a well-formed but wrong Bearer key gets 403, a status the contract does not document',
    expectedCheck: 'status-code-documented',
    expectedCaseId: 'getWhatsAppSyncStatus/wrong-key',
    fault: when(
      (context) => context.planned.status === 401 && /^bearer +\S+$/i.test(context.authorization ?? ''),
      () => jsonAnswer(403, { code: 'forbidden', message: 'This API key cannot access this sender' }),
    ),
  },
  {
    name: 'case-variant-shows-other-project',
    description: "the lookup ignores letter case but the project check compares the id exactly: SND_OTHER_PROJECT is served 200 with another project's sync",
    expectedCheck: 'negative-inputs',
    expectedCaseId: 'getWhatsAppSyncStatus/negative-inputs',
    fault: (context) => servedAsOtherProject(context, (id, other) => id !== other && id.toLowerCase() === other.toLowerCase()),
  },
  {
    name: 'accent-folded-id-shows-other-project',
    description: "the lookup folds accents but not case (SQL Server's *_CS_AI collations, a search index with ASCII folding) and the project check compares the id exactly: snd_óther_project is served 200 with another project's sync",
    expectedCheck: 'negative-inputs',
    expectedCaseId: 'getWhatsAppSyncStatus/negative-inputs',
    fault: (context) => servedAsOtherProject(context, (id, other) => id !== other && id.normalize('NFD').replace(/\p{M}/gu, '') === other),
  },
  {
    name: 'encoded-id-shows-other-project',
    description: "the project check runs on the raw path segment and the lookup on the decoded id: %73nd_other_project, the same resource as snd_other_project, is served 200 with that project's sync",
    expectedCheck: 'negative-inputs',
    expectedCaseId: 'getWhatsAppSyncStatus/negative-inputs',
    fault: (context) => servedAsOtherProject(context, (id, other, raw) => id === other && raw.includes('%')),
  },
  {
    name: 'resolved-path-shows-other-project',
    description: "the project check runs on the decoded segment and the lookup on the path resolved (\"//\" merged, dot segments removed, as path.normalize does): x%2F..%2Fsnd_other_project, one segment that resolves onto snd_other_project, is served 200 with that project's sync",
    expectedCheck: 'negative-inputs',
    expectedCaseId: 'getWhatsAppSyncStatus/negative-inputs',
    fault: (context) => servedAsOtherProject(context, (id, other) => id !== other && posix.normalize(`/v1/senders/${id}/whatsapp-sync`) === `/v1/senders/${other}/whatsapp-sync`),
  },
];

/** A read answered 200 with another project's sender's sync, when `matches(decoded id, that sender's id, raw segment)`. */
function servedAsOtherProject(context: FaultContext, matches: (id: string, other: string, raw: string) => boolean): PlannedResponse | undefined {
  const other = seededSenderIds().otherProject;
  const raw = /^\/v1\/senders\/([^/?]*)/.exec(context.path)?.[1] ?? '';
  if (context.method !== 'GET' || context.senderId === undefined || context.authorization === undefined || !matches(context.senderId, other, raw)) return undefined;
  const sender = context.store.get(other);
  return sender?.kind === 'coexistence' ? jsonAnswer(200, { sync: sender.sync }) : undefined;
}
