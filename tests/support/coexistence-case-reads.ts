/**
 * Which valid-key reads of a coexistence sender are its coexistence case's
 * (`getWhatsAppSyncStatus/coexistence[<id>]`), for a test server that breaks that one case.
 *
 * No request says which case sent it (the suite adds no header of its own), and the coexistence
 * case is not the sender's only valid-key reader: the read's first rows, reads-change-nothing
 * (key, key), head-changes-nothing (key, HEAD with the key, key: no read without credentials, so
 * it comes before the next) and unauthenticated-read-changes-nothing (key, none, key), read every
 * coexistence sender before it, so that each sender's first read of the run is theirs. A fault on every
 * valid-key read of the sender would land on those rows too. So the order of a serial run
 * (--concurrency 1, each case's repeats in a row) tells them apart: the sender's reads are the
 * sequences' until it has been read without credentials (unauthenticated-read-changes-nothing)
 * and a request for anything else has come after that (the next sender's sequence); its next
 * valid-key reads are the coexistence case's, each of its repeats, until a request for anything
 * else. A valid-key read of the sender after that is the first read of another run against the
 * same server (a second run, the next shard), which starts over.
 */

/** What the tracker looks at in each request: a fault's context and a proxied request both have it. */
export interface SeenRequest {
  method: string;
  /** Path and query as received. */
  path: string;
  authorization?: string;
}

type Phase = 'sequences' | 'read-refused' | 'before-case' | 'case' | 'after-case';

/**
 * A predicate to call on every request the server gets, in the order they come: true for the
 * coexistence case's reads of `senderId` with `apiKey`, false for every other request.
 */
export function coexistenceCaseReads(senderId: string, apiKey: string): (request: SeenRequest) => boolean {
  const readPath = `/v1/senders/${encodeURIComponent(senderId)}/whatsapp-sync`;
  let phase: Phase = 'sequences';
  return ({ method, path, authorization }) => {
    const ofSender = method === 'GET' && path === readPath;
    const withKey = ofSender && authorization === `Bearer ${apiKey}`;
    switch (phase) {
      case 'sequences':
        // unauthenticated-read-changes-nothing's read without credentials: its repeats follow in a row.
        if (ofSender && authorization === undefined) phase = 'read-refused';
        return false;
      case 'read-refused':
        if (!ofSender) phase = 'before-case';
        return false;
      case 'before-case':
        if (!withKey) return false;
        phase = 'case';
        return true;
      case 'case':
        if (withKey) return true;
        if (!ofSender) phase = 'after-case';
        return false;
      case 'after-case':
        // Another run's first read of the sender: its sequences come first again.
        if (withKey) phase = 'sequences';
        return false;
    }
  };
}
