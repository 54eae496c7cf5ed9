#!/usr/bin/env bash
# The Debian packages biogate's tests need beyond Node and npm:
#   chromium        the HTML report and the console are tested in a real browser
#   librdkafka-dev  the Kafka mock cluster (a real protocol peer without Docker)
#   gcc, libc6-dev  to compile the mock cluster's small C helper, and with make, curl and patch
#                   the librdkafka it links (libs/testing/kafka-mock/build.sh)
#   postgresql      a real PostgreSQL for the integration tests (on 127.0.0.1:5432)
#
#   tools/system-packages.sh --install   install what is missing (root with apt), else stop
#   tools/system-packages.sh --check     stop at once, naming the command, if anything is missing
set -euo pipefail

mode=${1:---check}
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
# KAFKA_BROKERS names a real broker instead of the mock cluster.
[ -n "${KAFKA_BROKERS:-}" ] || [ -f /usr/include/librdkafka/rdkafka_mock.h ] || missing+=(librdkafka-dev)
command -v cc >/dev/null 2>&1 || missing+=(gcc)
if [ -z "${KAFKA_BROKERS:-}" ]; then
  for tool in make curl patch; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
fi
[ -f /usr/include/stdio.h ] || missing+=(libc6-dev)
# TEST_POSTGRES_URL names another PostgreSQL server instead of the local one.
[ -n "${TEST_POSTGRES_URL:-}" ] || command -v pg_isready >/dev/null 2>&1 || missing+=(postgresql)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

command_line="apt-get install -y ${missing[*]}"
if [ "$mode" = "--install" ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "biogate set-up: installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  exit 0
fi

{
  echo "biogate: the tests need Debian packages that are not installed: ${missing[*]}"
  if [ "$(id -u)" = "0" ]; then
    echo "biogate: install them with: $command_line"
  else
    echo "biogate: install them with: sudo $command_line"
  fi
  [ "$mode" = "--check" ] && echo "biogate: (npm run setup does this for you when run as root)"
} >&2
exit 1
