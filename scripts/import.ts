/**
 * `npm run import -- <source> [options]`: imports policy changes into Material Alerts through its
 * API (MA_API_URL, MA_API_KEY). `npm run import -- --help` lists the sources and options.
 */
import { runImportCommand } from '../shared/ingest/sources/import/import-command.js';

const status = await runImportCommand(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  interactive: Boolean(process.stderr.isTTY),
});
process.exitCode = status;
