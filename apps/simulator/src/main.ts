import 'reflect-metadata';
import { runBiogate } from './cli/biogate-cli';
import { processIo } from './cli/cli-io';

// Set the exit code rather than calling process.exit, so that stdout is flushed when piped.
void runBiogate(process.argv.slice(2), processIo).then((code) => {
  process.exitCode = code;
});
