import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { repoRoot } from '../../infra/function.js';
import { MaterialAlertsStack } from '../../infra/stack.js';

const context = z
  .object({ context: z.record(z.string(), z.unknown()) })
  .parse(JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8'))).context;

describe('the console on AWS: S3 behind CloudFront, with the API on the same origin', () => {
  let stack: MaterialAlertsStack;
  let template: Template;

  beforeAll(() => {
    // A stand-in for console/dist: the stack uploads whatever folder it is given.
    const assets = mkdtempSync(join(tmpdir(), 'console-dist-'));
    writeFileSync(join(assets, 'index.html'), '<!doctype html><title>console</title>');
    const app = new App({ context: { ...context, 'aws:cdk:bundling-stacks': [] } });
    stack = new MaterialAlertsStack(app, 'MaterialAlerts', { consoleAssets: assets });
    template = Template.fromStack(stack);
  });

  it('keeps the files in a private, encrypted, TLS-only bucket that only CloudFront reads (origin access control)', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: Match.objectLike({}),
    });
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    const policies = JSON.stringify(template.findResources('AWS::S3::BucketPolicy'));
    expect(policies).toContain('cloudfront.amazonaws.com');
    expect(policies).toContain('aws:SecureTransport');
  });

  it('sends /v1/*, /openapi.json and /health to the API uncached with every viewer header but Host', () => {
    const distribution = z
      .object({ Properties: z.object({ DistributionConfig: z.record(z.string(), z.unknown()) }) })
      .parse(Object.values(template.findResources('AWS::CloudFront::Distribution'))[0])
      .Properties.DistributionConfig;
    const behaviours = z
      .array(
        z.object({
          PathPattern: z.string(),
          ViewerProtocolPolicy: z.string(),
          CachePolicyId: z.string(),
          OriginRequestPolicyId: z.string(),
          AllowedMethods: z.array(z.string()),
        }),
      )
      .parse(distribution.CacheBehaviors);
    expect(behaviours.map((b) => b.PathPattern).sort()).toEqual(['/health', '/openapi.json', '/v1/*']);
    for (const behaviour of behaviours) {
      expect(behaviour.ViewerProtocolPolicy).toBe('https-only');
      // The managed CachingDisabled and AllViewerExceptHostHeader policies.
      expect(behaviour.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad');
      expect(behaviour.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac');
      expect(behaviour.AllowedMethods).toContain('PATCH');
    }
    const api = stack.httpApi.node.defaultChild;
    expect(JSON.stringify(distribution.Origins)).toContain(
      api instanceof CfnElement ? stack.getLogicalId(api) : 'no API',
    );
  });

  it('redirects / and /docs to the console and serves index.html for folder paths', () => {
    const fn = z
      .object({
        Properties: z.object({ FunctionCode: z.string(), FunctionConfig: z.object({ Runtime: z.string() }) }),
      })
      .parse(Object.values(template.findResources('AWS::CloudFront::Function'))[0]).Properties;
    expect(fn.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    // The function's own code, run on the paths that matter.
    const handler = new Function(`${fn.FunctionCode}; return handler;`)() as (event: unknown) => {
      statusCode?: number;
      headers?: { location: { value: string } };
      uri?: string;
    };
    const run = (uri: string) => handler({ request: { uri } });
    expect(run('/').headers?.location.value).toBe('/console/');
    expect(run('/docs').headers?.location.value).toBe('/console/docs/');
    expect(run('/console/').uri).toBe('/console/index.html');
    expect(run('/console/docs/').uri).toBe('/console/docs/index.html');
    expect(run('/console/assets/app.js').uri).toBe('/console/assets/app.js');
  });

  it('uploads the built console under console/ and invalidates it on deploy', () => {
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketKeyPrefix: 'console/',
      DistributionPaths: ['/console/*'],
    });
  });

  it('leaves no cdk-nag finding unacknowledged, the upload included', () => {
    const report = new AwsSolutionsChecks().validateScope(stack);
    const findings = report.violations.map(
      (v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.locations?.join(',') ?? '').join('; ')}`,
    );
    expect(findings).toEqual([]);
  });
});
