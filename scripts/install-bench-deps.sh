#!/usr/bin/env bash
# What `npm run bench:queue` needs besides node_modules: pgbench (Debian ships it with the
# PostgreSQL server package, pulled in by postgresql-contrib). Idempotent.
set -euo pipefail
if pgbench --version >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then echo "Please install pgbench (apt-get install postgresql-contrib)" >&2; exit 1; fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-contrib
pgbench --version
