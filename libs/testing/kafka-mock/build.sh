#!/usr/bin/env bash
# Builds the Kafka mock cluster program (kafka-mock-cluster.c) once per machine and prints its
# path. It links librdkafka 2.0.2 (Debian's version) built from Debian's source tarball with two
# changes to its mock cluster:
# - msgset-find-from-newest.patch: the mock looked for a fetch's offset by walking a partition's
#   message sets from the oldest, up to 5 MB of them, on every fetch that returned data, which
#   made it a sixth of the machine's CPU through a long distributed day; it now walks from the
#   newest, where consumers read. The answers are the same (the sets' offsets do not overlap).
# - fetch-answers-on-append.patch: a fetch that found nothing was answered at its deadline
#   (MaxWait) even when a message arrived meanwhile, so every hop between services waited for
#   it and idle consumers fetched 1000/MaxWait times a second; the fetch now waits, parked, until
#   a producer appends to one of its partitions, as a Kafka broker's fetch does.
# - fetch-returns-every-set.patch: a fetch returned one message set (one produce request's
#   messages) a partition, so a consumer behind by N produce requests fetched N times; it now
#   returns the sets from its offset on, as many as its size limits take.
# Without the tarball (offline), it links the system's librdkafka as before, and says
# so. The program goes into a cache folder under a name that carries the hash of this folder's
# files; the build holds a lock, so that test workers asking at once build it once.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
cache="${TMPDIR:-/tmp}/biogate-kafka-mock"
version="$(cat "$here/kafka-mock-cluster.c" "$here"/*.patch "$here/build.sh" |
  sha256sum | cut -c1-16)"
binary="$cache/kafka-mock-cluster-$version"
mkdir -p "$cache"

build() {
  [ -x "$binary" ] && return 0
  local tarball_url="https://deb.debian.org/debian/pool/main/libr/librdkafka/librdkafka_2.0.2.orig.tar.gz"
  local tarball_sha256="f321bcb1e015a34114c83cf1aa7b99ee260236aab096b85c003170c90a47ca9d"
  local work="$cache/build-$version"
  rm -rf "$work"
  mkdir -p "$work"
  if curl -fsS --retry 2 --max-time 120 -o "$work/librdkafka.tar.gz" "$tarball_url" &&
    echo "$tarball_sha256  $work/librdkafka.tar.gz" | sha256sum -c --quiet -; then
    tar -xzf "$work/librdkafka.tar.gz" -C "$work"
    local source="$work/librdkafka-2.0.2"
    for change in msgset-find-from-newest fetch-answers-on-append fetch-returns-every-set; do
      patch -s -p1 -d "$source" < "$here/$change.patch"
    done
    (
      cd "$source"
      ./configure --disable-ssl --disable-gssapi --disable-sasl --disable-zstd --disable-zlib \
        --disable-curl --disable-lz4-ext --disable-regex-ext > "$work/configure.log" 2>&1
      make -s -j"$(nproc)" -C src librdkafka.a > "$work/make.log" 2>&1
    ) || {
      echo "biogate: building librdkafka for the Kafka mock failed; see $work/*.log" >&2
      return 1
    }
    # The program includes <librdkafka/...>: the patched source's headers, not the system's.
    mkdir -p "$work/include"
    ln -s "$source/src" "$work/include/librdkafka"
    cc -O2 -I "$work/include" -o "$binary.tmp" "$here/kafka-mock-cluster.c" \
      "$source/src/librdkafka.a" -lm -ldl -lpthread -lrt
  else
    echo "biogate: librdkafka's source could not be fetched; the Kafka mock uses the system's" \
      "librdkafka, whose fetches walk the whole log kept (slower on long runs) and wait out their" \
      "deadline (test/integration/kafka-mock.spec.ts fails)" >&2
    cc -O2 -o "$binary.tmp" "$here/kafka-mock-cluster.c" -lrdkafka
  fi
  mv "$binary.tmp" "$binary"
  rm -rf "$work"
}

(
  flock 9
  build
) 9> "$cache/build.lock"
echo "$binary"
