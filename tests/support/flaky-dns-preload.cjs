/**
 * A resolver that answers once, then fails: preloaded into a child with NODE_OPTIONS=--require, it
 * resolves the name in ZVC_TEST_FLAKY_HOST to 127.0.0.1 for the first dns.lookup (the check before
 * the run) and answers every later one with getaddrinfo's EAI_AGAIN, as a flaky resolver or a record
 * removed mid-deploy would. Other names resolve as usual.
 */
'use strict';
const dns = require('node:dns');

const name = (process.env.ZVC_TEST_FLAKY_HOST ?? '').trim().toLowerCase();
const lookup = dns.lookup;
let answered = false;

dns.lookup = function lookupOnce(hostname, options, callback) {
  if (name === '' || String(hostname).toLowerCase() !== name) return lookup.apply(this, arguments);
  const done = typeof options === 'function' ? options : callback;
  const all = typeof options === 'object' && options !== null && options.all === true;
  if (!answered) {
    answered = true;
    process.nextTick(() => (all ? done(null, [{ address: '127.0.0.1', family: 4 }]) : done(null, '127.0.0.1', 4)));
    return {};
  }
  const error = Object.assign(new Error(`getaddrinfo EAI_AGAIN ${hostname}`), { code: 'EAI_AGAIN', errno: -3001, syscall: 'getaddrinfo', hostname });
  process.nextTick(() => done(error));
  return {};
};
