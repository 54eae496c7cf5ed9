const LETTERS = 'ABCDEF';

/** Seats in check-in order, six abreast from row 1 (a simple single-cabin map). */
export function seatForSequence(sequence: number): string {
  const index = sequence - 1;
  return `${Math.floor(index / LETTERS.length) + 1}${LETTERS[index % LETTERS.length] ?? 'A'}`;
}
