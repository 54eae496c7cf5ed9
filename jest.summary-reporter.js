/**
 * Ends every run with one plain line, `tests: N passed, N failed[, N skipped]`, that CI and
 * people can read without knowing Jest's own layout.
 */
class PlainSummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stdout.write(
      `\ntests: ${results.numPassedTests} passed, ${results.numFailedTests} failed` +
        (skipped > 0 ? `, ${skipped} skipped` : '') +
        '\n',
    );
  }
}

module.exports = PlainSummaryReporter;
