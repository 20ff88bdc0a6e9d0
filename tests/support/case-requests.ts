/**
 * The request each planned case of the suite sends, rebuilt here so tests can probe a server the
 * way the conformance run will (case ids as in src/model/scenario.ts, e.g. "coexistence[<id>]").
 * The conformance engine has its own transport; this is only for tests of servers.
 */
import type { ReferenceServer } from '../../src/reference-server';

/** The key with every ASCII letter's case swapped (rebuilt here, not imported from the engine). */
import { swapCase } from '../../src/model/http';

/** What a case sends: GET (or HEAD, or OPTIONS) on this path, with this Authorization header (absent when undefined). */
export interface CaseRequest {
  caseId: string;
  path: string;
  authorization?: string;
  method?: 'HEAD' | 'OPTIONS';
}

/** A sender id no seed knows. */
export const UNKNOWN_SENDER_ID = 'snd_does_not_exist';

/** A well-formed sandbox key that differs from the server's own. */
export function wrongKeyFor(apiKey: string): string {
  const wrong = `zv_test_${'0'.repeat(32)}`;
  return wrong === apiKey ? `zv_test_${'1'.repeat(32)}` : wrong;
}

/** One request per case id the suite plans for this server's seeded senders. */
export function caseRequests(server: ReferenceServer): CaseRequest[] {
  const { apiKey, senders } = server;
  const pathFor = (senderId: string): string => `/v1/senders/${encodeURIComponent(senderId)}/whatsapp-sync`;
  const bearer = `Bearer ${apiKey}`;
  const someSender = pathFor(senders.coexistence[0] ?? senders.noWaba);
  return [
    ...senders.coexistence.map((id) => ({ caseId: `getWhatsAppSyncStatus/coexistence[${id}]`, path: pathFor(id), authorization: bearer })),
    { caseId: 'getWhatsAppSyncStatus/no-waba', path: pathFor(senders.noWaba), authorization: bearer },
    { caseId: 'getWhatsAppSyncStatus/not-coexistence', path: pathFor(senders.notCoexistence), authorization: bearer },
    { caseId: 'getWhatsAppSyncStatus/not-active', path: pathFor(senders.notActive), authorization: bearer },
    { caseId: 'getWhatsAppSyncStatus/no-credentials', path: someSender },
    // Its first step: the unknown id without credentials, which the sender's answer must match.
    { caseId: 'getWhatsAppSyncStatus/no-credentials', path: pathFor(UNKNOWN_SENDER_ID) },
    { caseId: 'getWhatsAppSyncStatus/wrong-key', path: someSender, authorization: `Bearer ${wrongKeyFor(apiKey)}` },
    { caseId: 'getWhatsAppSyncStatus/empty-bearer', path: someSender, authorization: 'Bearer ' },
    { caseId: 'getWhatsAppSyncStatus/key-without-scheme', path: someSender, authorization: apiKey },
    { caseId: 'getWhatsAppSyncStatus/basic-scheme', path: someSender, authorization: `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}` },
    { caseId: 'getWhatsAppSyncStatus/unknown-sender', path: pathFor(UNKNOWN_SENDER_ID), authorization: bearer },
    { caseId: 'getWhatsAppSyncStatus/unknown-sender-no-credentials', path: pathFor(UNKNOWN_SENDER_ID) },
    { caseId: 'getWhatsAppSyncStatus/unknown-sender-wrong-key', path: pathFor(UNKNOWN_SENDER_ID), authorization: `Bearer ${wrongKeyFor(apiKey)}` },
    { caseId: 'getWhatsAppSyncStatus/no-waba-no-credentials', path: pathFor(senders.noWaba) },
    { caseId: 'getWhatsAppSyncStatus/not-coexistence-no-credentials', path: pathFor(senders.notCoexistence) },
    { caseId: 'getWhatsAppSyncStatus/other-project-sender', path: pathFor(senders.otherProject), authorization: bearer },
    { caseId: 'getWhatsAppSyncStatus/other-project-sender-no-credentials', path: pathFor(senders.otherProject) },
    { caseId: 'getWhatsAppSyncStatus/token-scheme-key', path: someSender, authorization: `Token ${apiKey}` },
    { caseId: 'getWhatsAppSyncStatus/apikey-scheme-key', path: someSender, authorization: `ApiKey ${apiKey}` },
    { caseId: 'getWhatsAppSyncStatus/bearer-without-space', path: someSender, authorization: `Bearer${apiKey}` },
    // The zv_test_ prefix kept, the secret's letters swapped.
    { caseId: 'getWhatsAppSyncStatus/key-case-changed', path: someSender, authorization: `Bearer ${apiKey.slice(0, 8)}${swapCase(apiKey.slice(8))}` },
    { caseId: 'getWhatsAppSyncStatus/key-with-suffix', path: someSender, authorization: `Bearer ${apiKey}00` },
    { caseId: 'getWhatsAppSyncStatus/key-with-prefix', path: someSender, authorization: `Bearer 00${apiKey}` },
    { caseId: 'getWhatsAppSyncStatus/key-other-environment', path: someSender, authorization: `Bearer zv_live_${apiKey.slice(8)}` },
    { caseId: 'getWhatsAppSyncStatus/key-property-name', path: someSender, authorization: 'Bearer constructor' },
    { caseId: 'getWhatsAppSyncStatus/key-then-word', path: someSender, authorization: `Bearer ${apiKey} extra` },
    { caseId: 'getWhatsAppSyncStatus/no-credentials-with-query', path: `${someSender}?zvc=1` },
    { caseId: 'getWhatsAppSyncStatus/no-credentials-encoded-path', path: someSender.replace('/v1/senders/', '/v1/%73enders/') },
    // HEAD without credentials, the unknown id's first: the sender's must get the same status.
    { caseId: 'getWhatsAppSyncStatus/head-no-credentials', path: pathFor(UNKNOWN_SENDER_ID), method: 'HEAD' },
    { caseId: 'getWhatsAppSyncStatus/head-no-credentials', path: someSender, method: 'HEAD' },
    // The same with a key the target does not know, and HEAD with the key on another project's sender.
    { caseId: 'getWhatsAppSyncStatus/head-wrong-key', path: pathFor(UNKNOWN_SENDER_ID), authorization: `Bearer ${wrongKeyFor(apiKey)}`, method: 'HEAD' },
    { caseId: 'getWhatsAppSyncStatus/head-wrong-key', path: someSender, authorization: `Bearer ${wrongKeyFor(apiKey)}`, method: 'HEAD' },
    { caseId: 'getWhatsAppSyncStatus/other-project-sender', path: pathFor(senders.otherProject), authorization: bearer, method: 'HEAD' },
    // HEAD with the key to the refused senders: the GET's 400 (or a router's 4xx), never a 2xx.
    { caseId: 'getWhatsAppSyncStatus/head-no-waba', path: pathFor(senders.noWaba), authorization: bearer, method: 'HEAD' },
    { caseId: 'getWhatsAppSyncStatus/head-not-coexistence', path: pathFor(senders.notCoexistence), authorization: bearer, method: 'HEAD' },
    // And without credentials, after the unknown id's HEAD (its 401 either way): answered as it was.
    { caseId: 'getWhatsAppSyncStatus/no-waba-no-credentials', path: pathFor(senders.noWaba), method: 'HEAD' },
    { caseId: 'getWhatsAppSyncStatus/not-coexistence-no-credentials', path: pathFor(senders.notCoexistence), method: 'HEAD' },
    { caseId: 'getWhatsAppSyncStatus/other-project-sender-no-credentials', path: pathFor(senders.otherProject), method: 'HEAD' },
    { caseId: 'getWhatsAppSyncStatus/no-credentials-dot-segment', path: someSender.replace('/whatsapp-sync', '/./whatsapp-sync') },
    { caseId: 'getWhatsAppSyncStatus/no-credentials-trailing-slash', path: `${someSender}/` },
    { caseId: 'getWhatsAppSyncStatus/no-credentials-path-parameter', path: `${someSender};zvc` },
    { caseId: 'getWhatsAppSyncStatus/no-credentials-doubled-slash', path: someSender.replace('/v1/senders/', '/v1//senders/') },
    { caseId: 'getWhatsAppSyncStatus/no-credentials-trailing-dot', path: `${someSender}.` },
    { caseId: 'getWhatsAppSyncStatus/no-credentials-case-folded-path', path: someSender.replace('/v1/senders/', '/V1/Senders/').replace(/\/whatsapp-sync$/, '/WhatsApp-Sync') },
    // The history start's OPTIONS sequence asks the read's path too, on the unknown id first: the writable sender's must get the same status.
    { caseId: 'startWhatsAppHistorySync/options-changes-nothing', path: pathFor(UNKNOWN_SENDER_ID), method: 'OPTIONS' },
    { caseId: 'startWhatsAppHistorySync/options-changes-nothing', path: pathFor(senders.syncable), method: 'OPTIONS' },
    { caseId: 'getWhatsAppSyncStatus/other-project-sender-trailing-slash', path: `${pathFor(senders.otherProject)}/`, authorization: bearer },
    { caseId: 'getWhatsAppSyncStatus/key-cut-short', path: someSender, authorization: `Bearer ${apiKey.slice(0, -1)}` },
    // Three of the negative property's spellings of another project's sender: another letter case, percent-encoded as is, a vowel accented.
    { caseId: 'getWhatsAppSyncStatus/negative-inputs', path: pathFor(senders.otherProject.toUpperCase()), authorization: bearer },
    { caseId: 'getWhatsAppSyncStatus/negative-inputs', path: `/v1/senders/%${senders.otherProject.charCodeAt(0).toString(16).toUpperCase()}${senders.otherProject.slice(1)}/whatsapp-sync`, authorization: bearer },
    { caseId: 'getWhatsAppSyncStatus/negative-inputs', path: pathFor(senders.otherProject.replace(/[aeiou]/, (vowel) => `${vowel}\u0301`.normalize('NFC'))), authorization: bearer },
    // One of its hostile ids: a quote, as an injection needs.
    { caseId: 'getWhatsAppSyncStatus/negative-inputs', path: pathFor("'"), authorization: bearer },
    // Another project's sender behind a path that resolves onto it, sent as one encoded segment (%2F).
    ...['/', '../', 'x/../'].map((before) => ({ caseId: 'getWhatsAppSyncStatus/negative-inputs', path: pathFor(`${before}${senders.otherProject}`), authorization: bearer })),
    // Each of the key's own coexistence senders read with the other project's key (its last step; the unknown id's read before it is the reference's 404 either way).
    ...(server.otherProjectApiKey === undefined ? [] : senders.coexistence.map((id) => ({ caseId: `getWhatsAppSyncStatus/own-sender-other-project-key[${id}]`, path: pathFor(id), authorization: `Bearer ${server.otherProjectApiKey}` }))),
    // And asked with HEAD after it (the unknown id's HEAD before it is the reference's 404 either way).
    ...(server.otherProjectApiKey === undefined ? [] : senders.coexistence.map((id) => ({ caseId: `getWhatsAppSyncStatus/own-sender-other-project-key[${id}]`, path: pathFor(id), authorization: `Bearer ${server.otherProjectApiKey}`, method: 'HEAD' as const }))),
  ];
}
