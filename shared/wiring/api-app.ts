import { type App, createApp } from '../api/app.js';
import type { StatsSections } from '../api/routes/admin-stats.js';
import type { Log } from '../kernel/redaction.js';
import type { PolicyChange } from '../model/policy-change.js';
import type { Config } from './config.js';
import type { Services } from './services.js';

export interface ApiAppOptions {
  /** SHA-256 (hex) of the bootstrap admin key: from its secret on Lambda, from the environment locally. */
  adminKeyHash: () => Promise<string | undefined>;
  log: Log;
  /**
   * Sections of `GET /v1/admin/stats`; by default the stored metric totals when `LOCAL_STATS` is
   * on, and none (the route answers 404) when it is off.
   */
  statsSections?: StatsSections;
  /** Runs after a new policy-change revision is stored; absent on Lambda, where the table's stream starts the matcher. */
  onPolicyChangeStored?: (change: PolicyChange) => Promise<void> | void;
}

/**
 * The HTTP API over the services and the settings it reads from the configuration: the one wiring
 * of the app, for the Lambda entry and the local runtime alike.
 *
 * @example
 * const app = createApiApp(services, config, { adminKeyHash, log });
 */
export function createApiApp(
  services: Services,
  config: Pick<
    Config,
    | 'rateLimit'
    | 'maxSubscriptionsPerSubscriber'
    | 'replayLimit'
    | 'acceptLegacyApiKeys'
    | 'webhookRateLimit'
    | 'webhookPolicy'
    | 'secretRotationGraceMs'
    | 'localStats'
  >,
  options: ApiAppOptions,
): App {
  const statsSections =
    options.statsSections ?? (config.localStats ? { metrics: () => services.stats.read() } : undefined);
  return createApp({
    ...services,
    catalogue: services.catalogues.current,
    limits: {
      rateLimit: config.rateLimit,
      maxSubscriptionsPerSubscriber: config.maxSubscriptionsPerSubscriber,
      replayLimit: config.replayLimit,
      acceptLegacyApiKeys: config.acceptLegacyApiKeys,
      webhookRateLimit: config.webhookRateLimit,
    },
    adminKeyHash: options.adminKeyHash,
    webhookPolicy: config.webhookPolicy,
    secretRotationGraceMs: config.secretRotationGraceMs,
    log: options.log,
    ...(statsSections ? { statsSections } : {}),
    ...(options.onPolicyChangeStored ? { onPolicyChangeStored: options.onPolicyChangeStored } : {}),
  });
}
