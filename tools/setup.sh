#!/usr/bin/env bash
# The README's set-up command (npm run setup): the Debian packages the tests need, a running
# PostgreSQL, then the npm packages exactly as locked.
set -euo pipefail
cd "$(dirname "$0")/.."

tools/system-packages.sh --install

# The integration tests use the local PostgreSQL unless TEST_POSTGRES_URL names another one.
if [ -z "${TEST_POSTGRES_URL:-}" ] && ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  if [ "$(id -u)" = "0" ] && command -v pg_ctlcluster >/dev/null 2>&1; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
  else
    echo "biogate: no PostgreSQL answers on 127.0.0.1:5432; start it, or set TEST_POSTGRES_URL" >&2
    exit 1
  fi
fi

# The Kafka mock cluster's program, built once here rather than by the first tests that need it
# (about 30 s: librdkafka from Debian's source), unless KAFKA_BROKERS names a real cluster.
[ -n "${KAFKA_BROKERS:-}" ] || libs/testing/kafka-mock/build.sh > /dev/null

npm ci --no-audit --no-fund
npm run -s build:console
