/** Bad input to a command: printed on stderr, nothing on stdout, exit code 2. */
export class CliInputError extends Error {
  constructor(readonly lines: readonly string[]) {
    super(lines.join('\n'));
    this.name = 'CliInputError';
  }
}

export const EXIT_OK = 0;
export const EXIT_INPUT_ERROR = 2;
/** Not the input's fault: a bug or the environment. */
export const EXIT_INTERNAL_ERROR = 70;
