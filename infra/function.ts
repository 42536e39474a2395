import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssetStaging, CfnElement, type Duration, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** Repository root: bundling resolves entries, package-lock.json and node_modules from here. */
export const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Left out of every bundle: the AWS SDK v3 that the Lambda Node.js 22 runtime provides. */
export const EXTERNAL_MODULES = ['@aws-sdk/*'] as const;

/**
 * Import paths esbuild replaces in every bundle, relative to the repository root. `zod` becomes its
 * namespace without the error-message locales nobody reads (see infra/bundled-zod/members.ts).
 */
export const BUNDLE_ALIASES = { zod: './infra/bundled-zod/index.ts' } as const;

/** POWERTOOLS_SERVICE_NAME of every function; Powertools Metrics adds it as the `service` dimension. */
export const SERVICE_NAME = 'material-alerts';

export interface AlertsFunctionProps {
  /** Handler module relative to the repository root; it must export `handler`. */
  readonly entry: string;
  readonly timeout: Duration;
  /** @default 512 */
  readonly memorySize?: number;
  readonly description?: string;
  /**
   * esbuild's keepNames: function and class names survive minification, for code that compares
   * constructor names (Powertools batch does). Off only where no bundled module does, for size.
   * @default true
   */
  readonly keepNames?: boolean;
}

export type TableAccess = 'read' | 'readWrite';
export type QueueAccess = 'send' | 'sendAndConsume';
/** `arnOnly` passes the topic ARN without permission to publish to it. */
export type TopicAccess = 'publish' | 'arnOnly';

/**
 * A Lambda function with the project's defaults: Node.js 22 on ARM64, an ESM bundle with
 * source maps and the AWS SDK bundled (versions pinned by package-lock.json), active tracing
 * and a log group kept for one month. Resources are attached with `bind*` helpers, each of
 * which sets the environment variable the handler reads and grants only what it needs.
 *
 * @example
 * const api = new AlertsFunction(this, 'Api', { entry: 'functions/api/index.ts', timeout: Duration.seconds(10) });
 * api.bindTable(table, 'readWrite'); // TABLE_NAME + read/write on the table and its indexes
 */
export class AlertsFunction extends Construct {
  public readonly fn: NodejsFunction;
  public readonly logGroup: LogGroup;

  public constructor(scope: Construct, id: string, props: AlertsFunctionProps) {
    super(scope, id);

    this.logGroup = new LogGroup(this, 'LogGroup', { retention: RetentionDays.ONE_MONTH });

    this.fn = new NodejsFunction(this, 'Function', {
      entry: resolve(repoRoot, props.entry),
      handler: 'handler',
      projectRoot: repoRoot,
      depsLockFilePath: join(repoRoot, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout,
      description: props.description,
      tracing: Tracing.ACTIVE,
      logGroup: this.logGroup,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
      },
      bundling: {
        format: OutputFormat.ESM,
        minify: true,
        // Stack traces map back through the source maps; kept names are for code that reads them.
        keepNames: props.keepNames ?? true,
        sourceMap: true,
        target: 'node22',
        mainFields: ['module', 'main'],
        // ESM output: CommonJS dependencies that call require() need it defined.
        banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
        // The Node.js 22 runtime ships AWS SDK v3: importing it from there keeps it out of every
        // bundle (over half of each), at the price of the runtime's SDK version, not package-lock's.
        externalModules: [...EXTERNAL_MODULES],
        // esbuild resolves alias targets from its working directory: the repository root when it
        // runs locally, the mounted input directory in the Docker fallback.
        esbuildArgs: { '--alias': Object.entries(BUNDLE_ALIASES).map(([from, to]) => `${from}=${to}`) },
        workingDirectory: AssetStaging.BUNDLING_INPUT_DIR,
      },
    });

    // cdk-nag (AwsSolutions) findings every function shares, each with the reason it stands.
    Validations.of(this).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          'AWSLambdaBasicExecutionRole only lets the function create and write its CloudWatch log streams; it is the minimum Lambda needs to log',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'Active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions, so X-Ray requires Resource *',
      },
      {
        id: 'AwsSolutions-L1',
        reason:
          'Node.js 22 is pinned on purpose: the bundle is built for node22 and tested on it; a runtime upgrade is a deliberate, tested change',
      },
    );
  }

  /**
   * `TABLE_NAME`; exactly the item operations the code uses, on the table and its indexes: reads by
   * key and by query, conditional and transactional writes, and batch puts (the matcher writes
   * new deliveries' state 25 a request). No Scan (no request path scans), no table management.
   */
  public bindTable(table: ITable, access: TableAccess): void {
    this.fn.addEnvironment('TABLE_NAME', table.tableName);
    const reads = [
      'dynamodb:GetItem',
      'dynamodb:BatchGetItem',
      'dynamodb:Query',
      'dynamodb:ConditionCheckItem',
    ];
    const writes = [
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:BatchWriteItem',
    ];
    table.grant(this.fn, ...reads, ...(access === 'readWrite' ? writes : []));
    const resource = table.node.defaultChild;
    if (resource instanceof CfnElement) {
      Validations.of(this).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${Stack.of(table).getLogicalId(resource)}.Arn>/index/*]`,
        reason:
          "Queries on the table's own global secondary indexes (gsi1, gsi2); index ARNs take the table ARN as their prefix",
      });
    }
  }

  /** `DELIVERY_QUEUE_URL`; send, plus receive/delete/change visibility for the consumer. */
  public bindDeliveryQueue(queue: IQueue, access: QueueAccess): void {
    this.fn.addEnvironment('DELIVERY_QUEUE_URL', queue.queueUrl);
    queue.grantSendMessages(this.fn);
    if (access === 'sendAndConsume') {
      queue.grantConsumeMessages(this.fn);
    }
  }

  /** `OPERATOR_TOPIC_ARN`; publish on that topic only when `access` is `publish`. */
  public bindOperatorTopic(topic: ITopic, access: TopicAccess): void {
    this.fn.addEnvironment('OPERATOR_TOPIC_ARN', topic.topicArn);
    if (access === 'publish') {
      topic.grantPublish(this.fn);
      Validations.of(this).acknowledge({
        id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
        reason:
          "Publishing to a KMS-encrypted topic needs kms:GenerateDataKey* (the data-key variants) on that topic's key only",
      });
    }
  }

  /** `ADMIN_API_KEY_SECRET_ARN`; read (GetSecretValue/DescribeSecret) on that secret only. */
  public bindAdminApiKeySecret(secret: ISecret): void {
    this.fn.addEnvironment('ADMIN_API_KEY_SECRET_ARN', secret.secretArn);
    secret.grantRead(this.fn);
  }

  /**
   * Sending on subscriber channels: SMS by direct publish to E.164 numbers, e-mail by publishing
   * to the subscription's own topic (created on demand if a subscription predates it).
   */
  public allowSubscriberMessaging(emailTopicNamePrefix: string): void {
    this.allowSms();
    this.acknowledgeEmailTopics(emailTopicNamePrefix);
    this.fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['sns:CreateTopic', 'sns:Subscribe', 'sns:ListSubscriptionsByTopic', 'sns:Unsubscribe'],
        resources: [this.emailTopicArns(emailTopicNamePrefix)],
      }),
    );
  }

  /** Texting phone numbers directly: alerts (dispatcher) and confirmation codes (API). */
  public allowSms(): void {
    // Publishing straight to a phone number targets no ARN, so IAM cannot scope it below '*'.
    this.fn.addToRolePolicy(new PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] }));
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'SMS: sns:Publish to an E.164 phone number targets no ARN, so it cannot be scoped below Resource * (X-Ray, as for every function, also needs *)',
    });
  }

  /** The e-mail topics' lifecycle, which follows the subscriptions': create, subscribe, delete. */
  public allowEmailTopicManagement(emailTopicNamePrefix: string): void {
    this.fn.addToRolePolicy(
      new PolicyStatement({
        actions: [
          'sns:CreateTopic',
          'sns:Subscribe',
          'sns:ListSubscriptionsByTopic',
          'sns:Unsubscribe',
          'sns:DeleteTopic',
        ],
        resources: [this.emailTopicArns(emailTopicNamePrefix)],
      }),
    );
    this.acknowledgeEmailTopics(emailTopicNamePrefix);
  }

  private acknowledgeEmailTopics(prefix: string): void {
    Validations.of(this).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:sns:<AWS::Region>:<AWS::AccountId>:${prefix}*]`,
      reason:
        'Each subscription gets its own e-mail topic, created at run time; the names share this prefix and nothing else in the account does',
    });
  }

  /** `DEAD_LETTER_QUEUE_URL`; send only: dead deliveries are copied there with their reason. */
  public bindDeadLetterQueue(queue: IQueue): void {
    this.fn.addEnvironment('DEAD_LETTER_QUEUE_URL', queue.queueUrl);
    queue.grantSendMessages(this.fn);
  }

  private emailTopicArns(prefix: string): string {
    // Topics and their subscriptions (topic ARN + ':' + id) both fall under the prefix.
    return Stack.of(this).formatArn({ service: 'sns', resource: `${prefix}*` });
  }
}
