import { readFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import '../kernel/validation-messages.js';
import * as z from 'zod';
import { parseRateLimit } from '../api/rate-limit.js';
import { parseRetrySchedule } from '../delivery/retry/retry-schedule.js';
import { type DurationSyntax, parseDuration } from '../kernel/duration.js';
import { DEFAULT_RETENTION } from '../store/retention.js';

/** Raised at cold start when the environment is wrong; names the variable. */
export class ConfigError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ConfigError';
  }
}

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** Durations as `15s`, `500ms`, `2m`, `5d` or plain milliseconds, in whole numbers. */
const DURATION: DurationSyntax = { bareMilliseconds: true };
const duration = z
  .string()
  .refine((text) => parseDuration(text, DURATION) !== undefined, 'a duration such as 500ms, 15s, 2m, 5d')
  .transform((text) => parseDuration(text, DURATION) ?? 0);

const EnvironmentSchema = z.object({
  TABLE_NAME: z.string().min(1).default('material-alerts'),
  ADMIN_API_KEY: z.string().min(16, 'ADMIN_API_KEY must be at least 16 characters').optional(),
  ADMIN_API_KEY_SECRET_ARN: z.string().min(1).optional(),
  DELIVERY_QUEUE_URL: z.string().url().optional(),
  DEAD_LETTER_QUEUE_URL: z.string().url().optional(),
  WEBHOOK_DISABLE_AFTER: duration.default(5 * 86_400_000),
  SECRET_ROTATION_GRACE: duration.default(86_400_000),
  REMINDER_LEAD_DAYS: z.coerce.number().int().min(0).max(90).default(7),
  RECOVERY_GRACE: duration.default(120_000),
  SCHEDULER_INTERVAL: duration.default(30_000),
  OPERATOR_TOPIC_ARN: z.string().min(1).optional(),
  RETRY_SCHEDULE: z.string().optional(),
  WEBHOOK_TIMEOUT: duration.default(15_000),
  WEBHOOK_ALLOW_PRIVATE: booleanFlag.default(false),
  WEBHOOK_REQUIRE_HTTPS: booleanFlag.optional(),
  /** Comma-separated hosts Slack and Teams URLs may name (`*.` for subdomains); the products' own by default. */
  CHAT_WEBHOOK_HOSTS: z
    .string()
    .regex(
      /^\s*(\*\.)?[A-Za-z0-9.-]+\s*(,\s*(\*\.)?[A-Za-z0-9.-]+\s*)*$/,
      'hosts separated by commas, e.g. hooks.slack.com,*.logic.azure.com',
    )
    .optional(),
  /** The console's address, which chat messages link to. */
  CONSOLE_URL: z.url().optional(),
  RATE_LIMIT: z.string().default('20/s burst 40'),
  MAX_SUBSCRIPTIONS_PER_SUBSCRIBER: z.coerce.number().int().min(1).max(10_000).default(100),
  REPLAY_LIMIT: z.coerce.number().int().min(1).max(100).default(3),
  SMS_DAILY_LIMIT: z.coerce.number().int().min(1).max(10_000).default(50),
  ACCEPT_LEGACY_API_KEYS: booleanFlag.default(true),
  CATALOGUE_CACHE_TTL: duration.default(5_000),
  SUBSCRIPTION_CACHE_TTL: duration.default(5_000),
  DELIVERY_RETENTION: duration.default(DEFAULT_RETENTION.deliveryMs),
  AUDIT_RETENTION: duration.default(DEFAULT_RETENTION.auditMs),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().min(1).optional(),
  DYNAMODB_ENDPOINT: z.string().url().optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  DISPATCH_CONCURRENCY: z.coerce.number().int().min(1).max(100_000).optional(),
  DISPATCHER_MAX_CONCURRENCY: z.coerce.number().int().min(1).max(10_000).optional(),
  ENDPOINT_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(4),
  WEBHOOK_RATE_LIMIT: z.coerce.number().min(0.1).max(1000).default(10),
  CIRCUIT_BREAKER_THRESHOLD: z.coerce.number().int().min(1).max(1000).default(5),
  CIRCUIT_BREAKER_COOLDOWN: duration.default(30_000),
  CIRCUIT_BREAKER_MAX_COOLDOWN: duration.default(30 * 60_000),
  DYNAMODB_LOCAL_HEAP: z
    .string()
    .regex(/^\d+[mMgG]$/, 'a Java heap size such as 1536m or 2g')
    .optional(),
  /** Keep metric totals in the table for `GET /v1/admin/stats` (local modes; on by default there). */
  LOCAL_STATS: booleanFlag.optional(),
  // Imports (the scheduled Federal Register poll and the import command).
  FEDERAL_REGISTER_URL: z.string().url().default('https://www.federalregister.gov'),
  MOFCOM_URL: z.string().url().default('https://www.mofcom.gov.cn'),
  AUTO_PUBLISH_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.8),
  IMPORT_SINCE: z.iso.date().optional(),
  IMPORT_MAX_PAGES: z.coerce.number().int().min(1).max(1000).default(20),
  IMPORT_INTERVAL: duration.optional(),
});

export type Config = ReturnType<typeof loadConfig>;

/**
 * Parses the environment once. `local` relaxes what only makes sense on a laptop (plain http
 * receivers) and never what protects a deployment.
 *
 * @example
 * const config = loadConfig(process.env, { local: false });
 */
export function loadConfig(env: NodeJS.ProcessEnv, options: { local: boolean }) {
  const parsed = EnvironmentSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`environment variable ${String(issue?.path[0])}: ${issue?.message}`);
  }
  const values = parsed.data;
  let retrySchedule: readonly number[];
  try {
    retrySchedule = parseRetrySchedule(values.RETRY_SCHEDULE);
  } catch (error) {
    throw new ConfigError(`environment variable RETRY_SCHEDULE: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return {
    tableName: values.TABLE_NAME,
    adminApiKey: values.ADMIN_API_KEY,
    adminApiKeySecretArn: values.ADMIN_API_KEY_SECRET_ARN,
    deliveryQueueUrl: values.DELIVERY_QUEUE_URL,
    deadLetterQueueUrl: values.DEAD_LETTER_QUEUE_URL,
    webhookDisableAfterMs: values.WEBHOOK_DISABLE_AFTER,
    secretRotationGraceMs: values.SECRET_ROTATION_GRACE,
    reminderLeadDays: values.REMINDER_LEAD_DAYS,
    recoveryGraceMs: values.RECOVERY_GRACE,
    schedulerIntervalMs: values.SCHEDULER_INTERVAL,
    operatorTopicArn: values.OPERATOR_TOPIC_ARN,
    retrySchedule,
    webhookTimeoutMs: values.WEBHOOK_TIMEOUT,
    webhookPolicy: {
      allowPrivate: values.WEBHOOK_ALLOW_PRIVATE,
      requireHttps: values.WEBHOOK_REQUIRE_HTTPS ?? !options.local,
      ...(values.CHAT_WEBHOOK_HOSTS
        ? { chatHosts: values.CHAT_WEBHOOK_HOSTS.split(',').map((host) => host.trim()) }
        : {}),
    },
    consoleUrl: values.CONSOLE_URL,
    rateLimit: parseEnvironment('RATE_LIMIT', () => parseRateLimit(values.RATE_LIMIT)),
    maxSubscriptionsPerSubscriber: values.MAX_SUBSCRIPTIONS_PER_SUBSCRIBER,
    replayLimit: values.REPLAY_LIMIT,
    smsDailyLimit: values.SMS_DAILY_LIMIT,
    acceptLegacyApiKeys: values.ACCEPT_LEGACY_API_KEYS,
    catalogueCacheTtlMs: values.CATALOGUE_CACHE_TTL,
    subscriptionCacheTtlMs: values.SUBSCRIPTION_CACHE_TTL,
    retention: { deliveryMs: values.DELIVERY_RETENTION, auditMs: values.AUDIT_RETENTION },
    port: values.PORT,
    dataDir: values.DATA_DIR,
    dynamodbEndpoint: values.DYNAMODB_ENDPOINT,
    logLevel: values.LOG_LEVEL,
    /** Attempts in flight at once in this process (local mode); sized from the sockets it may open. */
    dispatchConcurrency: values.DISPATCH_CONCURRENCY ?? defaultDispatchConcurrency(),
    /**
     * On Lambda: dispatcher invocations at once (the event source's maximum concurrency, set by the
     * stack), which lets an endpoint far below its limits be sent to without touching its item.
     */
    dispatcherMaxConcurrency: values.DISPATCHER_MAX_CONCURRENCY,
    webhookRateLimit: values.WEBHOOK_RATE_LIMIT,
    endpointRules: {
      laneLimit: values.ENDPOINT_CONCURRENCY,
      failureThreshold: values.CIRCUIT_BREAKER_THRESHOLD,
      coolDownMs: values.CIRCUIT_BREAKER_COOLDOWN,
      maxCoolDownMs: Math.max(values.CIRCUIT_BREAKER_COOLDOWN, values.CIRCUIT_BREAKER_MAX_COOLDOWN),
      maxPaceWaitMs: 5_000,
    },
    dynamodbLocalHeap: values.DYNAMODB_LOCAL_HEAP ?? defaultDynamoDbLocalHeap(),
    localStats: values.LOCAL_STATS ?? options.local,
    imports: {
      federalRegisterUrl: values.FEDERAL_REGISTER_URL,
      mofcomUrl: values.MOFCOM_URL,
      autoPublishConfidence: values.AUTO_PUBLISH_CONFIDENCE,
      since: values.IMPORT_SINCE,
      maxPages: values.IMPORT_MAX_PAGES,
      /** Local mode only; unset: no scheduled import. */
      intervalMs: values.IMPORT_INTERVAL,
    },
  };
}

/**
 * Attempts in flight are bound by sockets, not CPU: each holds one connection (and a few to the
 * table) for up to the timeout. A quarter of the process's file-descriptor limit, between 16 and
 * 1024; 256 where the limit cannot be read.
 */
export function defaultDispatchConcurrency(limits = readOpenFileLimit()): number {
  if (limits === undefined) return 256;
  return Math.max(16, Math.min(1024, Math.floor(limits / 4)));
}

function readOpenFileLimit(): number | undefined {
  try {
    const text = readFileSync('/proc/self/limits', 'utf8');
    const soft = /^Max open files\s+(\d+|unlimited)/m.exec(text)?.[1];
    if (soft === undefined) return undefined;
    return soft === 'unlimited' ? Number.POSITIVE_INFINITY : Number(soft);
  } catch {
    return undefined;
  }
}

/** A quarter of the machine's memory, between 1 GiB and 4 GiB: bursts of thousands of deliveries fit. */
export function defaultDynamoDbLocalHeap(memoryBytes = totalmem()): string {
  const mib = Math.floor(memoryBytes / 4 / 2 ** 20);
  return `${Math.max(1024, Math.min(4096, mib))}m`;
}

/** Runs a parser for one variable, naming the variable when it fails. */
function parseEnvironment<T>(name: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new ConfigError(`environment variable ${name}: ${(error as Error).message}`, { cause: error });
  }
}
