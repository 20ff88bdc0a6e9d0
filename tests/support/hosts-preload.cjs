/**
 * Names resolved to 127.0.0.1 without an /etc/hosts of our own (writing it needs root, and an
 * entry a killed test leaves behind outlives it): preloaded into a CLI child with
 * NODE_OPTIONS=--require, it answers dns.lookup (what node:net connects through) with 127.0.0.1
 * for each name in ZVC_TEST_HOSTS (comma-separated), so a run can be pointed at Zavu's own host
 * name, or a docker-compose service's, while every byte it sends reaches a test server.
 */
'use strict';
const dns = require('node:dns');

const names = new Set((process.env.ZVC_TEST_HOSTS ?? '').split(',').map((name) => name.trim().toLowerCase()).filter(Boolean));
const lookup = dns.lookup;

dns.lookup = function lookupLocal(hostname, options, callback) {
  if (!names.has(String(hostname).toLowerCase().replace(/\.$/, ''))) return lookup.apply(this, arguments);
  const done = typeof options === 'function' ? options : callback;
  const all = typeof options === 'object' && options !== null && options.all === true;
  process.nextTick(() => (all ? done(null, [{ address: '127.0.0.1', family: 4 }]) : done(null, '127.0.0.1', 4)));
  return {};
};
