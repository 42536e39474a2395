import { type CommandIo, runImportCommand } from '../../shared/ingest/sources/import/import-command.js';

/** Runs the import command in-process and keeps what it printed; `summary` is the last `--json` line's. */
export async function runImportKept(
  args: string[],
  env: Record<string, string> = {},
  more: Partial<CommandIo> = {},
) {
  let stdout = '';
  let stderr = '';
  const status = await runImportCommand(args, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env,
    ...more,
  });
  const lines = stdout.trim().split('\n').filter(Boolean);
  const last = lines.at(-1) ?? '';
  const summary = last.startsWith('{"summary"') ? JSON.parse(last).summary : undefined;
  return { status, stdout, stderr, lines, summary };
}

/** The fields of a `--dry-run --json` line, in order: the same for every source. */
export const DRY_RUN_LINE_KEYS = [
  'sourceRef',
  'title',
  'materials',
  'hsCodes',
  'changeType',
  'direction',
  'issuingRegion',
  'originRegions',
  'affectedRegions',
  'itemTypes',
  'entities',
  'severity',
  'confidence',
  'review',
];
