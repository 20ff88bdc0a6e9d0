import { comparedNames, namesARequest } from '../../src/text/request-id-name';

describe('namesARequest: a property that names a request or its trace, not a sender', () => {
  it('takes the names tracers and gateways use, in any case and separator', () => {
    for (const name of ['requestId', 'request_id', 'RequestID', 'reqId', 'traceId', 'trace_id', 'trace', 'x-request-id', 'X_Trace_Id', 'correlationId', 'spanId']) expect(namesARequest(name)).toBe(true);
  });

  it('leaves every other name compared, a word that merely holds one among them', () => {
    for (const name of ['project', 'senderExists', 'senderId', 'requester', 'traceable', 'projectRequestId', 'requestedAt', 'id', '', 'constructor']) expect(namesARequest(name)).toBe(false);
  });
});

describe('comparedNames', () => {
  it('an object\'s own names, those naming a request and those besides set aside', () => {
    expect(comparedNames({ code: 'c', message: 'm', traceId: 't', details: {} }, ['details'])).toEqual(['code', 'message']);
    expect(comparedNames({ project: 'acme', requestId: 'r' })).toEqual(['project']);
    expect(comparedNames(JSON.parse('{"__proto__": 1, "traceId": 2}') as object)).toEqual(['__proto__']);
  });

  it('sets a name aside only while its value is an id (a string, a number) or none (null): an object, array or flag under it may carry what was found', () => {
    expect(comparedNames({ traceId: null, requestId: 7, req: 'r' })).toEqual([]);
    expect(comparedNames({ request: { senderId: 'snd_1', project: 'acme' }, trace: ['acme'], span: true, requestId: {} })).toEqual(['request', 'trace', 'span', 'requestId']);
    expect(comparedNames(JSON.parse('{"__proto__": {"project": "acme"}, "traceId": {"project": "acme"}}') as object)).toEqual(['__proto__', 'traceId']);
  });

  it("sets aside a tracer's object of ids alone under such a name ({id}, {traceId, spanId}); one with any other member, or nothing in it, is compared", () => {
    expect(comparedNames({ docs: 'd', trace: { id: '4bf92f3577b34da6' } })).toEqual(['docs']);
    expect(comparedNames({ trace: { traceId: '4bf92f35', spanId: '00f067aa', ID: 7 }, span: { id: null } })).toEqual([]);
    expect(comparedNames({ request: { senderId: 'snd_1', project: 'acme' }, trace: { id: 't', project: 'acme' }, span: { id: { project: 'acme' } }, traceId: {} })).toEqual(['request', 'trace', 'span', 'traceId']);
    // Only under a name that names a request: an object of ids under another name is compared.
    expect(comparedNames({ sender: { id: 'snd_1' } })).toEqual(['sender']);
  });

  it("keeps a tracer's object whose id is no tracer's: a project's name, letters alone, or the sender id the request asked for", () => {
    // Presence alone cannot tell a sampled trace from a leak: a tracer's id has a digit (hex, a
    // number), and never names what was asked; a name, or the sender's own id, tells the sender exists.
    expect(comparedNames({ trace: { id: 'acme-corp-project' } })).toEqual(['trace']);
    expect(comparedNames({ trace: { traceId: '4bf92f35', spanId: 'acme' } })).toEqual(['trace']);
    const path = '/v1/senders/snd_8f3a2b1c/whatsapp-sync';
    expect(comparedNames({ trace: { id: 'snd_8f3a2b1c' } }, [], path)).toEqual(['trace']);
    expect(comparedNames({ span: { id: 'snd_8f3a2b1c-00f067aa' } }, [], path)).toEqual(['span']);
    // A tracer's own ids, whatever was asked, are still set aside.
    expect(comparedNames({ trace: { id: '4bf92f3577b34da6' }, span: { id: 7, traceId: null } }, [], path)).toEqual([]);
  });

  it("sets aside a tracer's context as tracers write it: its parent's id and its flags beside its own ids", () => {
    // OpenTelemetry's span context (traceFlags), X-Ray's segment (parent_id), Sentry's (parent_span_id):
    // compared, one sampled answer's context alone was a member the other answer had not.
    expect(comparedNames({ trace: { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: 1 } })).toEqual([]);
    expect(comparedNames({ trace: { trace_id: '1-5759e988-bd862e3fe1be46a994272793', id: '53995c3f42cd8ad8', parent_id: '6b8d2e0a1c3f5e7a' } })).toEqual([]);
    expect(comparedNames({ span: { trace_id: '4bf92f35', span_id: '00f067aa', parent_span_id: 'b7ad6b71', trace_flags: '01' } })).toEqual([]);
    // A parent named by words, or flags as a flag, are no tracer's ids.
    expect(comparedNames({ trace: { id: '4bf92f35', parent: 'acme-corp-project' }, span: { spanId: '00f067aa', traceFlags: true } })).toEqual(['trace', 'span']);
  });
});
