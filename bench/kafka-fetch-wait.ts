/**
 * The services' `KAFKA_FETCH_MAX_WAIT_MS` in the distributed benchmarks: their own default
 * unless `BENCH_FETCH_MAX_WAIT_MS` sets another. The mock cluster answers a fetch when a message
 * arrives, as a broker does (until 4 Dec it answered only at the deadline, and the benchmarks
 * waited 20 ms rather than 100), so the wait sets only how often an idle consumer fetches.
 */
export const BENCH_FETCH_MAX_WAIT_MS: string | undefined = process.env.BENCH_FETCH_MAX_WAIT_MS;

/** The environment entry for the services: none when the benchmark keeps their default. */
export const benchFetchWait = (): { KAFKA_FETCH_MAX_WAIT_MS?: string } =>
  BENCH_FETCH_MAX_WAIT_MS === undefined ? {} : { KAFKA_FETCH_MAX_WAIT_MS: BENCH_FETCH_MAX_WAIT_MS };
