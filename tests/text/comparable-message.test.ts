import { comparableChallenge } from '../../src/text/comparable-challenge';
import { comparableMessage, sameDocumentedWording, withoutIdAnnotation } from '../../src/text/comparable-message';
import { requireBuilt, runInChild } from '../support/in-child';

describe('comparableMessage', () => {
  const unknown = '/v1/senders/snd_zvc_unknown_0123456789abcdef/whatsapp-sync';
  const sender = '/v1/senders/snd_coex_active/whatsapp-sync';

  it('sets aside the id each request asked for, as sent and decoded', () => {
    expect(comparableMessage('Sender snd_zvc_unknown_0123456789abcdef not found', unknown)).toBe(comparableMessage('Sender snd_coex_active not found', sender));
    expect(comparableMessage('No sender "snd a"', '/v1/senders/snd%20a/whatsapp-sync')).toBe('No sender "<id>"');
    expect(comparableMessage('No sender snd%20a', '/v1/senders/snd%20a/whatsapp-sync')).toBe('No sender <id>');
    // On the path in other capitals (the case-folded path rows) too: a short id without a digit is no volatile word.
    expect(comparableMessage('No key for sender snd_abc', '/V1/Senders/snd_abc/WhatsApp-Sync')).toBe('No key for sender <id>');
  });

  it('sets aside what names a moment or a request: UUIDs, dates, hex runs, any word with a digit', () => {
    const a = comparableMessage('Unauthorized (request 3f2b9c1e-1d2a-4c3b-9e8f-0a1b2c3d4e5f at 2026-12-03T16:00:00.123Z, trace 9f86d081884c7d65, req_AbC12xYz98Qw, attempt 12345)', sender);
    const b = comparableMessage('Unauthorized (request 00000000-0000-4000-8000-000000000000 at 2026-12-04T01:02:03Z, trace 0123456789abcdef, req_ZZZ99yyy77Pp, attempt 67890)', unknown);
    expect(a).toBe(b);
    expect(comparableMessage('at Thu, 03 Dec 2026 16:00:00 GMT', sender)).toBe('at <n>');
    // A request id of letters alone, a path echoed with a letter of its fixed part percent-encoded.
    expect(comparableMessage('Missing header (request vtjuxykltkch)', sender)).toBe(comparableMessage('Missing header (request hgtglrbqcpdk)', unknown));
    expect(comparableMessage('No key (GET /v1/%73enders/snd_coex_active/whatsapp-sync)', '/v1/%73enders/snd_coex_active/whatsapp-sync')).toBe(comparableMessage('No key (GET /v1/%73enders/snd_zvc_unknown_0123456789abcdef/whatsapp-sync)', '/v1/%73enders/snd_zvc_unknown_0123456789abcdef/whatsapp-sync'));
    // A short request id, a count that moves between two requests.
    expect(comparableMessage('Unauthorized (req-2f9a, 59 requests left)', sender)).toBe(comparableMessage('Unauthorized (req-77b1, 58 requests left)', unknown));
  });

  it('keeps the words a server chose, so two messages that say different things stay apart', () => {
    expect(comparableMessage('Sender not found', unknown)).not.toBe(comparableMessage('Sender snd_coex_active belongs to another project', sender));
    expect(comparableMessage('Missing Authorization header', unknown)).not.toBe(comparableMessage('Authentication required to access this sender', sender));
    // Spaces do not count; a short id (two characters) is not blanked inside words.
    expect(comparableMessage('  Sender   not found ', unknown)).toBe('Sender not found');
    expect(comparableMessage('Sender not found', '/v1/senders/no/whatsapp-sync')).toBe('Sender not found');
  });
});

describe('sameDocumentedWording', () => {
  const limit = 'Sync limit reached. Please wait 24 hours before trying again.';

  it('reads the documented message with its quantities told otherwise (the time left) as the same wording', () => {
    expect(sameDocumentedWording(limit, limit)).toBe(true);
    expect(sameDocumentedWording(limit, 'Sync limit reached. Please wait 23 hours before trying again.')).toBe(true);
    expect(sameDocumentedWording(limit, 'Sync limit reached. Please wait 1 hour before trying again.')).toBe(true);
    expect(sameDocumentedWording(limit, 'Sync limit reached. Please wait 0.5 hours before trying again.')).toBe(true);
    expect(sameDocumentedWording(limit, `Sync limit reached. Please wait ${'9'.repeat(30)} hours before trying again.`)).toBe(true);
  });

  it('reads the wait told in another unit of time as the same wording: the time left, said as a client reads it best', () => {
    expect(sameDocumentedWording(limit, 'Sync limit reached. Please wait 45 minutes before trying again.')).toBe(true);
    expect(sameDocumentedWording(limit, 'Sync limit reached. Please wait 86399 seconds before trying again.')).toBe(true);
    expect(sameDocumentedWording(limit, 'Sync limit reached. Please wait 1 day before trying again.')).toBe(true);
    expect(sameDocumentedWording(limit, 'Sync limit reached. Please wait 45 mins before trying again.')).toBe(true);
    expect(sameDocumentedWording(limit, 'Sync limit reached. Please wait 3 hrs before trying again.')).toBe(true);
    // Any letters' case: "Minutes" is a unit of time as "minutes" is.
    expect(sameDocumentedWording(limit, 'Sync limit reached. Please wait 45 Minutes before trying again.')).toBe(true);
  });

  it('keeps every other word as documented: a unit that is not of time, another reason, a number where none was documented', () => {
    expect(sameDocumentedWording(limit, 'Sync limit reached. Please wait 24 syncs before trying again.')).toBe(false);
    expect(sameDocumentedWording(limit, 'Sync limit reached. Please wait 1 hour 30 minutes before trying again.')).toBe(false);
    expect(sameDocumentedWording(limit, 'Sync limit reached. Try again in 45 minutes.')).toBe(false);
    expect(sameDocumentedWording(limit, 'Sync limit reached. Please wait before trying again.')).toBe(false);
    expect(sameDocumentedWording(limit, 'History sync is already in progress')).toBe(false);
    expect(sameDocumentedWording('History sync is already in progress', 'History sync 2 is already in progress')).toBe(false);
  });
});

describe('sameDocumentedWording: a final full stop and the spacing are no wording', () => {
  const noWaba = 'Sender does not have a WhatsApp Business Account connected';
  const limit = 'Sync limit reached. Please wait 24 hours before trying again.';

  it('reads the documented message with a full stop added or left out, or spaced otherwise, as the same wording', () => {
    expect(sameDocumentedWording(noWaba, `${noWaba}.`)).toBe(true);
    expect(sameDocumentedWording(limit, 'Sync limit reached. Please wait 24 hours before trying again')).toBe(true);
    expect(sameDocumentedWording(limit, 'Sync limit reached.  Please wait 23 hours before trying again.')).toBe(true);
    expect(sameDocumentedWording(noWaba, ` ${noWaba.replace('WhatsApp ', 'WhatsApp\n')} `)).toBe(true);
    // A space before the final full stop is spacing too.
    expect(sameDocumentedWording(noWaba, `${noWaba} .`)).toBe(true);
  });

  it('still tells another reason, another word or other punctuation apart', () => {
    // The reason the scenario did not set up, with a full stop: still another reason.
    expect(sameDocumentedWording('History sync is already in progress', 'Contacts sync is already in progress.')).toBe(false);
    expect(sameDocumentedWording(noWaba, 'Sender does not have a WhatsApp Business Account connected yet.')).toBe(false);
    expect(sameDocumentedWording(noWaba, `${noWaba}!`)).toBe(false);
    expect(sameDocumentedWording(noWaba, `${noWaba}..`)).toBe(false);
    // An ellipsis documented stays as documented: one more or one fewer dot is other punctuation.
    expect(sameDocumentedWording(`${noWaba}..`, `${noWaba}...`)).toBe(false);
    expect(sameDocumentedWording(`${noWaba}...`, `${noWaba}..`)).toBe(false);
    expect(sameDocumentedWording(limit, 'Sync limit reached Please wait 24 hours before trying again.')).toBe(false);
    expect(sameDocumentedWording(noWaba, 'SenderdoesnothaveaWhatsAppBusinessAccountconnected')).toBe(false);
    expect(sameDocumentedWording(noWaba, '.')).toBe(false);
  });
});

describe('sameDocumentedWording with an id annotation at the end', () => {
  const noWaba = 'Sender does not have a WhatsApp Business Account connected';
  const limit = 'Sync limit reached. Please wait 24 hours before trying again.';

  it('reads the documented message followed by the request\'s id (as gateways and frameworks append it) as the same wording', () => {
    expect(sameDocumentedWording(noWaba, `${noWaba} (request d19be1384440f62a4781c6fc6888231d)`)).toBe(true);
    expect(sameDocumentedWording(noWaba, `${noWaba}. Request ID: req_9f8e7d6c5b4a3928`)).toBe(true);
    expect(sameDocumentedWording(noWaba, `${noWaba} [trace-id=4bf92f3577b34da6a3ce929d0e0e4736]`)).toBe(true);
    expect(sameDocumentedWording(noWaba, `${noWaba} (ref: 3f2b9c1e-1d2a-4c3b-9e8f-0a1b2c3d4e5f)`)).toBe(true);
    expect(sameDocumentedWording(noWaba, `${noWaba} [req_8f3a2b1c]`)).toBe(true);
    expect(sameDocumentedWording(noWaba, `${noWaba} (request vtjuxykltkch)`)).toBe(true);
    // Before or after the documented final period, with the time left told otherwise too.
    expect(sameDocumentedWording(limit, `${limit} (request 0123456789abcdef0123456789abcdef)`)).toBe(true);
    expect(sameDocumentedWording(limit, 'Sync limit reached. Please wait 23 hours before trying again (request 0123456789abcdef).')).toBe(true);
  });

  it('keeps other words after the message apart: a reason, a word in brackets, an id of another thing', () => {
    expect(sameDocumentedWording(noWaba, `${noWaba} yet`)).toBe(false);
    expect(sameDocumentedWording(noWaba, `${noWaba} (disabled)`)).toBe(false);
    expect(sameDocumentedWording(noWaba, `${noWaba} (request rejected)`)).toBe(false);
    expect(sameDocumentedWording(noWaba, `${noWaba} (waba 1234567890123456)`)).toBe(false);
    expect(sameDocumentedWording(noWaba, `${noWaba} to account 12345678`)).toBe(false);
    expect(sameDocumentedWording(noWaba, `Sender does not have a WhatsApp Business Account (request 0123456789abcdef)`)).toBe(false);
    // An annotation alone is not the documented message.
    expect(sameDocumentedWording(noWaba, '(request 0123456789abcdef)')).toBe(false);
    // Not even of an example documented with an empty message: an annotation is no message at all.
    expect(sameDocumentedWording('', '(request 0123456789abcdef)')).toBe(false);
    expect(sameDocumentedWording('', ' Request ID: req_9f8e7d6c5b4a3928')).toBe(false);
  });
});

describe('a target\'s long message or challenge is read in one pass', () => {
  // In a process of its own, killed after 20 s: a regular expression that rescans a run from each
  // word in it blocks the thread, where no test timeout reaches. Rescanned, the megabyte of "a-a-a-…"
  // took half an hour and the one token of the challenge minutes; read once, milliseconds.
  it('a megabyte of dash-joined letters, a megabyte-long token or realm: compared as they should be, within the child\'s deadline', () => {
    const text = requireBuilt('text/comparable-message.js');
    const challenges = requireBuilt('text/comparable-challenge.js');
    const child = runInChild(`const m = { ...${text}, ...${challenges} }; const path = '/v1/senders/snd_coex_active/whatsapp-sync';
      const words = 'a-'.repeat(500000);
      const limit = 'Sync limit reached. Please wait 24 hours before trying again.';
      process.stdout.write(JSON.stringify([m.comparableMessage('x ' + words + ' y', path), m.comparableChallenge('Bearer ' + 'a'.repeat(1000000), path), m.comparableChallenge('Bearer ' + 'a-'.repeat(500000) + ' realm=r', path), m.comparableChallenge('Bearer realm="' + 'a1-'.repeat(333333) + '"', path).length, m.sameDocumentedWording(limit, '1'.repeat(1000000) + ' '.repeat(1000000))]))`);
    expect({ signal: child.signal, stderr: child.stderr }).toEqual({ signal: null, stderr: '' });
    // The dashes at a word's ends are not of it: the words before them are blanked, as an id of 8 characters or more.
    expect(JSON.parse(child.stdout)).toEqual(['x <n>- y', 'bearer <n>', 'bearer <n>- realm=r', 'bearer realm=""'.length + 'a1-'.repeat(333333).length, false]);
  });

  it('reads such words as before: with a digit or 8 characters long they are blanked, dashes at their ends kept', () => {
    const path = '/v1/senders/snd_coex_active/whatsapp-sync';
    expect(comparableMessage('--a-1-- b-c --abcdefgh-- a_b', path)).toBe('--<n>-- b-c --<n>-- a_b');
    // Parameters sorted by name, every value compared quoted: "a-b" is a challenge of its own, a scheme alone; schemes lower-cased (RFC 9110 §11.1).
    // A realm is compared as sent, not as a message: "r-1", short, is a realm of its own (comparable-challenge.ts).
    expect(comparableChallenge('Bearer realm="r-1", error=x, a-b', path)).toBe('a-b, bearer error="x", realm="r-1"');
  });
});

describe('withoutIdAnnotation: a request id word only as a word of its own', () => {
  it('takes no id off a message whose last word merely ends in one of the words (subrequest)', () => {
    expect(withoutIdAnnotation('the limit applies per subrequest 12345678')).toBeUndefined();
    expect(withoutIdAnnotation('the limit applies per request 12345678')).toBe('the limit applies per');
  });
});
