/**
 * Erlang C: the mean wait in queue of an M/M/c system (Poisson arrivals at `lambda`, exponential
 * service at `mu` per server, `c` servers). Used to check the engine against theory.
 */
export function erlangCMeanWait(lambda: number, mu: number, c: number): number {
  const a = lambda / mu;
  const rho = a / c;
  if (rho >= 1) return Infinity;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < c; k++) {
    term *= a / k;
    sum += term;
  }
  const last = (term * a) / c / (1 - rho);
  const probabilityOfWaiting = last / (sum + last);
  return probabilityOfWaiting / (c * mu - lambda);
}
