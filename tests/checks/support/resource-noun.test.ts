import { resourceNoun } from '../../../src/checks/support/resource-noun';
import { lookupOrNoAuth, twoReadingsIn } from '../../../src/checks/support/status-story';

const nounOf = (...pathParameters: string[]): string => resourceNoun({ pathParameters });

describe('resourceNoun', () => {
  it.each([
    [['senderId'], 'sender'],
    [['sender_id'], 'sender'],
    [['phoneNumberID'], 'phone number'],
    [['agentId', 'messageId'], 'message'],
    [['id'], 'resource'],
    [[], 'resource'],
    // "id" ending a word is no "Id" suffix: a UUID is named so, not "uu".
    [['uuid'], 'uuid'],
    [['messageUuid'], 'message uuid'],
    [['guid'], 'guid'],
    [['paid'], 'paid'],
  ])('names %j %j', (parameters, noun) => {
    expect(nounOf(...parameters)).toBe(noun);
  });

  it('keeps a spec\'s parameter name inert and bounded: letters, digits and single spaces, at most 40 characters', () => {
    expect(nounOf('sender\u0007<b>x</b>\nId')).toBe('sender b x b');
    expect(nounOf(`${'a'.repeat(10_000)}Id`)).toBe('a'.repeat(40));
    expect(nounOf('<>_Id')).toBe('resource');
  });
});

describe('twoReadingsIn reads back every noun resourceNoun gives', () => {
  it.each([['phone2Id'], ['Über_id'], [`${'a'.repeat(10_000)}Id`], ['senderId']])('%#', (parameter) => {
    const noun = nounOf(parameter);
    const story = twoReadingsIn(`expected 401, received 404: ${lookupOrNoAuth(noun)}: ${noun} ids can be enumerated`);
    expect(story?.done).toBe(`looked the ${noun} up`);
  });
});
