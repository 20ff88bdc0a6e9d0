#!/usr/bin/env bash
# Certify Stoplight Prism (a third-party OpenAPI mock server) against the contract:
# starts `prism mock` on 127.0.0.1 (static mode, --errors false), runs the conformance suite
# against it, prints where the reports are, and stops Prism, whatever happens.
#
#   npm run --silent certify:prism [-- extra conformance flags, e.g. --timeout 5000]
#
# Environment: PRISM_REPORTS (default reports/prism), ZAVU_SPEC (default the operation's spec).
# Exit code: the conformance CLI's (1 is expected: Prism cannot know keys or senders; what it
# honours and why is recorded in expectations/prism-certificate.json).
set -euo pipefail
cd "$(dirname "$0")/.."

spec=${ZAVU_SPEC:-specs/whatsapp-sync.openapi.yaml}
reports=${PRISM_REPORTS:-reports/prism}
prism=node_modules/.bin/prism
[ -e "$prism" ] || { echo "certify-prism: $prism is missing: run npm ci" >&2; exit 2; }
[ -f dist/cli/conformance-main.js ] || { echo "certify-prism: dist/ is missing: run npm run build" >&2; exit 2; }

port=$(node -e "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
log=$(mktemp "${TMPDIR:-/tmp}/prism.XXXXXX")

# No analytics, no colour codes in the log; nothing listens beyond loopback.
SCARF_ANALYTICS=false DO_NOT_TRACK=1 NO_COLOR=1 \
  node "$prism" mock "$spec" --host 127.0.0.1 --port "$port" --errors false >"$log" 2>&1 &
prism_pid=$!

stop_prism() {
  if kill -0 "$prism_pid" 2>/dev/null; then
    kill "$prism_pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$prism_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$prism_pid" 2>/dev/null || true
  fi
  rm -f "$log"
}
trap stop_prism EXIT
trap 'exit 130' INT TERM

# Wait (at most 20 s) until Prism accepts connections.
ready=
for _ in $(seq 1 200); do
  if ! kill -0 "$prism_pid" 2>/dev/null; then break; fi
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then ready=1; break; fi
  sleep 0.1
done
if [ -z "$ready" ]; then
  echo "certify-prism: Prism did not start on 127.0.0.1:$port; its log:" >&2
  tail -n 20 "$log" >&2
  exit 3
fi
echo "certify-prism: Prism $(node -p "require('./node_modules/@stoplight/prism-cli/package.json').version") mocking $spec on http://127.0.0.1:$port"

# Prism checks only that a Bearer token is present, never which: any key and any sender ids will do.
# The suite's environment is the one tests/prism/prism-certification.test.ts runs with, the `env` of
# expectations/prism-certificate.json, so the case ids here are the ones the expectation names.
mapfile -t fixtures < <(node -e "for (const [k, v] of Object.entries(require('./expectations/prism-certificate.json').env)) console.log(k + '=' + v)")
code=0
env "${fixtures[@]}" \
  npm run --silent conformance -- --base-url "http://127.0.0.1:$port" --mode live --operation getWhatsAppSyncStatus --reports "$reports" "$@" || code=$?

if [ "$code" -le 1 ]; then
  echo "certify-prism: reports in $reports/ (open conformance.html; certificate.json has the per-family verdicts)"
else
  echo "certify-prism: the conformance run did not complete (exit $code): see the line above" >&2
fi
echo "certify-prism: what Prism is expected to honour, and why: expectations/prism-certificate.json"
exit "$code"
