#!/usr/bin/env bash
# The whole test suite: unit tests, then e2e tests over HTTP against a real PostgreSQL
# (the local server on 127.0.0.1:5432 when it answers, an embedded one otherwise).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
bash scripts/install-system-deps.sh
# The e2e suite also starts the built server, as `npm start` does.
npm run build --silent
npx jest --ci --maxWorkers=2 "$@"
