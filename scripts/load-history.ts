import { loadHistory } from '../shared/ingest/shipped-history/shipped-history.js';

/**
 * `npm run history:load`: posts the project's shipped history (China's export controls of
 * 2023-2025, then the other issuers' rules on strategic materials) to a running service: `MA_API_URL` (default http://127.0.0.1:3000) with `MA_API_KEY`
 * (default the local development admin key).
 */
const url = process.env.MA_API_URL ?? 'http://127.0.0.1:3000';
const apiKey = process.env.MA_API_KEY ?? process.env.ADMIN_API_KEY ?? 'ma_adm_local_development_key';

loadHistory({ url, apiKey })
  .then((report) => {
    process.stdout.write(
      `Loaded the shipped history into ${url}: ${report.created} new, ${report.unchanged} already there.\n`,
    );
  })
  .catch((error: unknown) => {
    const reason =
      error instanceof TypeError ? `cannot reach ${url} (is \`npm start\` running?)` : String(error);
    process.stderr.write(`history:load failed: ${reason}\n`);
    process.exit(1);
  });
