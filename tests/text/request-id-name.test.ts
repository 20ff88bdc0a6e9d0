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
});
