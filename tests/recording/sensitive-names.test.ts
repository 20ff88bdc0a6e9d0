/** Which names' values are credentials: the rule README states, name by name. */
import { isSensitiveName } from '../../src/recording/sensitive-names';

describe('isSensitiveName', () => {
  it('takes a credential\'s name in any case and with any separator, run together too', () => {
    const names = ['Access-Token', 'accessToken', 'ACCESS_TOKEN', 'ACCESSTOKEN', 'x-api-key', 'apiKey', 'APIKEY', 'client_secret', 'clientsecret', 'CLIENTSECRET', 'refreshToken', 'id_token', 'idtoken', 'IDTOKEN', 'private_key', 'privatekey', 'auth', 'csrftoken', 'xsrftoken', 'csrfmiddlewaretoken', 'apitoken', 'sessiontoken', 'secretkey', 'accesskey', 'passphrase', 'secrets', 'webhookSecret', 'key', 'token', 'sessionId', 'pwd', 'user_pwd'];
    expect(names.filter((name) => !isSensitiveName(name))).toEqual([]);
  });

  it('keeps a name that points at a page or describes a credential without holding one: a pagination cursor, a prefix shown by design, a count, an idempotency key', () => {
    const names = ['nextToken', 'next_page_token', 'pageToken', 'PAGE_TOKEN', 'continuationToken', 'prevToken', 'keyPrefix', 'accessTokenPrefix', 'tokenCount', 'token_type', 'idempotencyKey', 'Idempotency-Key', 'inputTokens', 'maxTokens', 'totalTokensUsed', 'keywords', 'author', 'monkey', 'turkey'];
    expect(names.filter(isSensitiveName)).toEqual([]);
  });

  it('still takes a credential under a describing word that holds another credential word', () => {
    // A cursor word before a credential other than a last "token" (or before a "token" with more after it) makes no cursor.
    for (const name of ['nextAccessToken', 'sessionToken', 'pageAuthToken', 'apiKeyId', 'signatureHash', 'nextSecret', 'previousPassword', 'pageTokenValue']) expect({ name, sensitive: isSensitiveName(name) }).toEqual({ name, sensitive: true });
  });
});
