#!/usr/bin/env bash
# The whole test suite: unit tests, then e2e tests over HTTP against a real PostgreSQL
# (the local server on 127.0.0.1:5432 when it answers, an embedded one otherwise), then the
# end-to-end video-call media test in a private network namespace (scripts/test-media.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
bash scripts/install-system-deps.sh
# The e2e suite also starts the built server, as `npm start` does.
npm run build --silent
npx jest --ci --maxWorkers=2 "$@"
# Then the end-to-end video call with real media: it needs root and `unshare --net` (its own
# network namespace). CI runs as root, so there it must run; a skip fails when CI is set.
if [ "$(id -u)" -eq 0 ] && unshare --net true 2>/dev/null; then
  bash scripts/test-media.sh
else
  why="not running as root"
  [ "$(id -u)" -eq 0 ] && why="'unshare --net' does not work here"
  echo "SKIPPED the end-to-end media test (scripts/test-media.sh): $why." >&2
  if [ -n "${CI:-}" ]; then exit 1; fi
fi
