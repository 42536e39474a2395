import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { repoRoot } from '../../infra/function.js';

// A real `cdk synth` with esbuild bundling, apart from the template tests, which skip bundling.
describe('cdk synth', () => {
  it('bundles every function into an ESM index.mjs without AWS credentials or network, the AWS SDK left to the runtime', {
    timeout: 120_000,
  }, () => {
    const outdir = mkdtempSync(join(tmpdir(), 'material-alerts-synth-'));
    try {
      execFileSync('npx', ['cdk', 'synth', '--quiet', '--no-notices', '-o', outdir], {
        cwd: repoRoot,
        stdio: 'pipe',
        timeout: 120_000,
        env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true', CDK_DISABLE_VERSION_CHECK: '1' },
      });

      const synthesized = z
        .object({
          Resources: z.record(
            z.string(),
            z.object({
              Type: z.string(),
              Properties: z.object({ Code: z.object({ S3Key: z.string() }).optional() }).optional(),
              Metadata: z.object({ 'aws:cdk:path': z.string() }).optional(),
            }),
          ),
        })
        .parse(JSON.parse(readFileSync(join(outdir, 'MaterialAlerts.template.json'), 'utf8')));
      // CDK's own function that uploads the console (see console-site.test.ts) is not ours to bundle.
      const functions = Object.values(synthesized.Resources).filter(
        (r) =>
          r.Type === 'AWS::Lambda::Function' &&
          !r.Metadata?.['aws:cdk:path'].startsWith('MaterialAlerts/Custom::CDKBucketDeployment'),
      );
      expect(functions.map((f) => f.Metadata?.['aws:cdk:path']).sort()).toEqual([
        'MaterialAlerts/Api/Function/Resource',
        'MaterialAlerts/Digests/Function/Resource',
        'MaterialAlerts/Dispatcher/Function/Resource',
        'MaterialAlerts/Importer/Function/Resource',
        'MaterialAlerts/Matcher/Function/Resource',
        'MaterialAlerts/Scheduler/Function/Resource',
      ]);
      // Six distinct bundles: each function ships only its own handler.
      expect(new Set(functions.map((f) => f.Properties?.Code?.S3Key)).size).toBe(6);
      for (const fn of functions) {
        const assetHash = fn.Properties?.Code?.S3Key.replace(/\.zip$/, '');
        expect(assetHash).toMatch(/^[0-9a-f]{64}$/);
        const bundle = join(outdir, `asset.${assetHash}`, 'index.mjs');
        expect(existsSync(bundle)).toBe(true);
        const code = readFileSync(bundle, 'utf8');
        expect(code).toContain('createRequire');
        expect(existsSync(`${bundle}.map`)).toBe(true);
        // zod goes in without its error-message locales (BUNDLE_ALIASES): no Italian one, for example.
        expect(code).not.toContain('Input non valido');
        // The AWS SDK is left to the Node.js 22 runtime, which ships it; nothing else is imported
        // from outside the bundle but Node's own modules.
        const imports = [...code.matchAll(/(?:\bfrom|\bimport)\s*"((?:node:)?[@a-z][\w@/.-]*)"/g)].map(
          (match) => match[1] ?? '',
        );
        expect(imports).toContain('@aws-sdk/client-dynamodb');
        expect(imports.filter((spec) => !spec.startsWith('@aws-sdk/') && !isBuiltin(spec))).toEqual([]);
        const api = fn.Metadata?.['aws:cdk:path'] === 'MaterialAlerts/Api/Function/Resource';
        // The api is minified without kept names, so nothing in it may compare constructor names;
        // the others keep them (Powertools batch compares its processor's in the dispatcher).
        if (api)
          expect(/constructor\.name\s*===/.test(code), 'the api bundle compares constructor names').toBe(
            false,
          );
        // Kept names leave each function's name in the code as a string (loadConfig is in every bundle).
        expect({ api, keptNames: code.includes('"loadConfig"') }).toEqual({ api, keptNames: !api });
        // X-Ray subsegments on every AWS call in the functions whose work is AWS calls; the api is
        // traced by Lambda's own segment, without the X-Ray SDK.
        expect({ api, xray: code.includes('AWSXRay') || code.includes('aws-xray-sdk') }).toEqual({
          api,
          xray: !api,
        });
      }
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
