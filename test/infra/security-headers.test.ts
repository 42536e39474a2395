import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MaterialAlertsStack } from '../../infra/stack.js';
import { API_CSP, CONSOLE_CSP, DOCS_CSP } from '../../shared/api/security-headers.js';

const PolicySchema = z.object({
  Properties: z.object({
    ResponseHeadersPolicyConfig: z.object({
      SecurityHeadersConfig: z.object({
        ContentSecurityPolicy: z.object({ ContentSecurityPolicy: z.string(), Override: z.boolean() }),
        ContentTypeOptions: z.object({ Override: z.boolean() }),
        FrameOptions: z.object({ FrameOption: z.string() }),
        ReferrerPolicy: z.object({ ReferrerPolicy: z.string() }),
        StrictTransportSecurity: z.object({ AccessControlMaxAgeSec: z.number() }),
      }),
      CorsConfig: z.object({
        AccessControlAllowCredentials: z.boolean(),
        AccessControlAllowOrigins: z.object({ Items: z.array(z.string()) }),
        AccessControlAllowMethods: z.object({ Items: z.array(z.string()) }),
        OriginOverride: z.boolean(),
      }),
    }),
  }),
});

const BehaviourSchema = z.object({
  PathPattern: z.string().optional(),
  ResponseHeadersPolicyId: z.object({ Ref: z.string() }),
  FunctionAssociations: z.array(z.object({ EventType: z.string(), FunctionARN: z.unknown() })).optional(),
});

describe('security headers on AWS: a response-headers policy on every behaviour of the distribution', () => {
  let template: Template;
  /** Each behaviour's path (`default` for the console's files) and its policy's settings. */
  let policies: Map<string, z.infer<typeof PolicySchema>['Properties']['ResponseHeadersPolicyConfig']>;
  let functions: Record<string, { Properties: { FunctionCode: string; Name?: unknown } }>;
  let defaultBehaviour: z.infer<typeof BehaviourSchema>;

  beforeAll(() => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    template = Template.fromStack(new MaterialAlertsStack(app, 'MaterialAlerts'));
    const resources = template.findResources('AWS::CloudFront::ResponseHeadersPolicy');
    const config = z
      .object({
        Properties: z.object({
          DistributionConfig: z.object({
            DefaultCacheBehavior: BehaviourSchema,
            CacheBehaviors: z.array(BehaviourSchema),
          }),
        }),
      })
      .parse(Object.values(template.findResources('AWS::CloudFront::Distribution'))[0])
      .Properties.DistributionConfig;
    defaultBehaviour = config.DefaultCacheBehavior;
    policies = new Map(
      [config.DefaultCacheBehavior, ...config.CacheBehaviors].map((behaviour) => [
        behaviour.PathPattern ?? 'default',
        PolicySchema.parse(resources[behaviour.ResponseHeadersPolicyId.Ref]).Properties
          .ResponseHeadersPolicyConfig,
      ]),
    );
    functions = z
      .record(z.string(), z.object({ Properties: z.object({ FunctionCode: z.string() }) }))
      .parse(template.findResources('AWS::CloudFront::Function'));
  });

  it('gives the console its policy and the API its own, each with nosniff, DENY, no-referrer and HSTS', () => {
    expect([...policies.keys()].sort()).toEqual(['/health', '/openapi.json', '/v1/*', 'default']);
    for (const [path, policy] of policies) {
      const headers = policy.SecurityHeadersConfig;
      expect(headers.ContentSecurityPolicy).toEqual({
        ContentSecurityPolicy: path === 'default' ? CONSOLE_CSP : API_CSP,
        Override: true,
      });
      expect(headers.ContentTypeOptions.Override).toBe(true);
      expect(headers.FrameOptions.FrameOption).toBe('DENY');
      expect(headers.ReferrerPolicy.ReferrerPolicy).toBe('no-referrer');
      expect(headers.StrictTransportSecurity.AccessControlMaxAgeSec).toBeGreaterThanOrEqual(31_536_000);
    }
  });

  it('lets any origin read the files and the API without credentials; the API keeps its own CORS answers', () => {
    const files = policies.get('default')?.CorsConfig;
    expect(files).toMatchObject({
      AccessControlAllowCredentials: false,
      AccessControlAllowOrigins: { Items: ['*'] },
      AccessControlAllowMethods: { Items: ['GET', 'HEAD'] },
      OriginOverride: true,
    });
    for (const path of ['/v1/*', '/openapi.json', '/health']) {
      expect(policies.get(path)?.CorsConfig).toMatchObject({
        AccessControlAllowCredentials: false,
        AccessControlAllowOrigins: { Items: ['*'] },
        OriginOverride: false,
      });
    }
  });

  it('sandboxes the docs page after the policy: its function replaces the policy only under /console/docs/', () => {
    const responseFunctions = (defaultBehaviour.FunctionAssociations ?? []).filter(
      (association) => association.EventType === 'viewer-response',
    );
    expect(responseFunctions).toHaveLength(1);
    const ref = JSON.stringify(responseFunctions[0]?.FunctionARN);
    const [id] = Object.keys(functions).filter((logicalId) => ref.includes(logicalId));
    const code = functions[id ?? '']?.Properties.FunctionCode ?? '';
    // The function's own code, run on the answers that matter.
    const handler = new Function(`${code}; return handler;`)() as (event: unknown) => {
      headers: Record<string, { value: string }>;
    };
    const run = (uri: string) =>
      handler({
        request: { uri },
        response: { statusCode: 200, headers: { 'content-security-policy': { value: CONSOLE_CSP } } },
      }).headers['content-security-policy']?.value;
    expect(run('/console/docs/index.html')).toBe(DOCS_CSP);
    expect(run('/console/docs/swagger-ui-bundle.js')).toBe(DOCS_CSP);
    expect(run('/console/index.html')).toBe(CONSOLE_CSP);
    expect(run('/console/assets/console-abc.js')).toBe(CONSOLE_CSP);
  });
});
