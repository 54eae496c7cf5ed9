/**
 * The services' `KAFKA_FETCH_MAX_WAIT_MS` in the distributed benchmarks. librdkafka's mock cluster
 * answers a fetch only at its deadline, so each hop between services waited up to the default
 * 100 ms; the benchmarks wait 20 (`BENCH_FETCH_MAX_WAIT_MS` sets another).
 */
export const BENCH_FETCH_MAX_WAIT_MS = process.env.BENCH_FETCH_MAX_WAIT_MS ?? '20';
