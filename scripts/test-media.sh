#!/usr/bin/env bash
# The end-to-end video-call test (test/media/*.media-spec.ts): a real Janus, the app and two headless
# Chromium pages exchanging real media. Needs root: it re-runs itself in a private network namespace
# (unshare --net), because Janus 1.1.2 never offers ICE candidates on loopback, and outside the
# namespace media would flow over the machine's external interface. Inside, a veth carries 127.0.0.2
# (Janus's ice_enforce_list); everything else uses 127.0.0.1 and the namespace vanishes at the end.
# Extra arguments go to jest, e.g. a file pattern: `bash scripts/test-media.sh console-video-call`.
# The console test (console-video-call.media-spec.ts) drives the built web console the app serves:
# CONSOLE_DIR if set, else dist/console (scripts/test.sh builds it first); when neither exists, one
# is built into a temporary folder for this run. See infrastructure/janus/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${VPVKAC_MEDIA_NAMESPACE:-}" != "1" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "test-media: needs root (unshare --net); run: sudo bash scripts/test-media.sh" >&2
    exit 1
  fi
  if ! unshare --net true 2>/dev/null; then
    echo "test-media: 'unshare --net' does not work here (a container without CAP_SYS_ADMIN?)" >&2
    exit 1
  fi
  for need in /usr/bin/chromium /usr/share/javascript/janus-gateway/janus.js /usr/share/javascript/webrtc-adapter/adapter.js; do
    [ -e "$need" ] || { echo "test-media: $need is missing; run: bash scripts/install-system-deps.sh" >&2; exit 1; }
  done
  command -v janus >/dev/null || { echo "test-media: janus is missing; run: bash scripts/install-system-deps.sh" >&2; exit 1; }
  if [ -z "${CONSOLE_DIR:-}" ] && [ ! -f dist/console/index.html ]; then
    CONSOLE_DIR="$(mktemp -d -t vpvkac-media-console-XXXXXX)"
    trap 'rm -rf "$CONSOLE_DIR"' EXIT
    echo "test-media: no dist/console; building the console into $CONSOLE_DIR" >&2
    npx vite build apps/console --outDir "$CONSOLE_DIR" --emptyOutDir --logLevel warn
    export CONSOLE_DIR
  fi
  # Not exec: the trap above removes a console built for this run.
  unshare --net env VPVKAC_MEDIA_NAMESPACE=1 bash "$0" "$@"
  exit $?
fi

# --- inside the private network namespace ---
ip link set lo up
ip link add v0 type veth peer name v1
ip addr add 127.0.0.2/32 dev v0
ip link set v1 up
ip link set v0 up

# 127.0.0.1:5432 of the host is not reachable from here, but PostgreSQL's unix socket is a file.
# Without it, the global setup falls back to an embedded PostgreSQL inside the namespace.
if [ -z "${TEST_DATABASE_ADMIN_URL:-}" ] && [ -S /var/run/postgresql/.s.PGSQL.5432 ]; then
  export TEST_DATABASE_ADMIN_URL='postgresql://postgres@%2Fvar%2Frun%2Fpostgresql:5432/postgres'
fi

export VPVKAC_MEDIA_TEST=1
exec npx jest --ci --selectProjects media --maxWorkers=1 "$@"
