import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll } from 'vitest';
import { z } from 'zod';
import { type AlertsFunction, repoRoot } from '../../infra/function.js';
import { MaterialAlertsStack } from '../../infra/stack.js';

const CdkJsonSchema = z.object({ app: z.string(), context: z.record(z.string(), z.unknown()) });
const cdkJson = CdkJsonSchema.parse(JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')));

/** The feature flags from cdk.json, with asset bundling skipped: esbuild runs only in the synth test. */
export function unbundledApp(): App {
  return new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
}

const StatementSchema = z.object({
  Effect: z.enum(['Allow', 'Deny']),
  Action: z.union([z.string(), z.array(z.string())]).transform((a) => (Array.isArray(a) ? a : [a])),
  Resource: z.unknown(),
});
export type Statement = z.infer<typeof StatementSchema>;
const PolicySchema = z.object({
  Properties: z.object({
    Roles: z.array(z.unknown()),
    PolicyDocument: z.object({ Statement: z.array(StatementSchema) }),
  }),
});
export const RoleSchema = z.object({
  Properties: z.object({ ManagedPolicyArns: z.array(z.unknown()).optional() }),
});

// Synthesis takes seconds: a worker process does it once, however many files in it ask.
let synthesis: Promise<void> | undefined;

// Live bindings: set by the beforeAll that useSynthesizedStack registers.
/** The stack with the default props. */
export let stack: MaterialAlertsStack;
/** Its template, bundling skipped. */
export let template: Template;

/** Synthesizes the stack before the file's tests, at most once per worker process. */
export function useSynthesizedStack(): void {
  beforeAll(async () => {
    synthesis ??= Promise.resolve().then(() => {
      stack = new MaterialAlertsStack(unbundledApp(), 'MaterialAlerts');
      template = Template.fromStack(stack);
    });
    await synthesis;
  });
}

export function logicalId(construct: IConstruct): string {
  const resource = construct.node.defaultChild;
  if (!(resource instanceof CfnElement)) throw new Error(`${construct.node.path} has no CFN resource`);
  return stack.getLogicalId(resource);
}

export function resource(construct: IConstruct): unknown {
  return template.toJSON().Resources[logicalId(construct)];
}

export function functionProperties(fn: AlertsFunction) {
  return z
    .object({
      Properties: z.object({
        Timeout: z.number(),
        Environment: z.object({ Variables: z.record(z.string(), z.unknown()) }),
      }),
    })
    .parse(resource(fn.fn)).Properties;
}

export function roleId(fn: AlertsFunction): string {
  if (!fn.fn.role) throw new Error(`${fn.node.path} has no role`);
  return logicalId(fn.fn.role);
}

/** Every IAM statement attached to the function's execution role, inline policies included. */
export function statementsOf(fn: AlertsFunction): Statement[] {
  const role = { Ref: roleId(fn) };
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .map((policy) => PolicySchema.parse(policy).Properties)
    .filter((policy) => policy.Roles.some((r) => JSON.stringify(r) === JSON.stringify(role)))
    .flatMap((policy) => policy.PolicyDocument.Statement);
}

export function actionsOn(statements: Statement[], resourceArn: unknown): string[] {
  return statements
    .filter((s) => s.Effect === 'Allow')
    .filter((s) => JSON.stringify(s.Resource) === JSON.stringify(resourceArn))
    .flatMap((s) => s.Action);
}

export function allActions(statements: Statement[]): string[] {
  return statements.filter((s) => s.Effect === 'Allow').flatMap((s) => s.Action);
}
