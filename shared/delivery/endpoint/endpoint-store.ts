import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { keys, TABLE_DESIGN } from '../../store/keys.js';
import type { TableContext } from '../../store/table.js';
import { contentionPauseMs, pause } from '../../store/throttle-retry.js';
import { DEFAULT_ENDPOINT_RULES, type EndpointControl, SendSpacing } from './endpoint-control.js';
import {
  type Admission,
  type AttemptSignal,
  type CircuitChange,
  type EndpointRules,
  type EndpointState,
  emptyEndpointState,
} from './endpoint-state.js';
import { type EndpointMemory, LocalEndpoints } from './local-endpoints.js';

/** An endpoint item no dispatcher touched for this long expires (DynamoDB TTL). */
const IDLE_TTL_SECONDS = 7 * 86_400;
/** Rounds of contention an admission tries before it waits instead. */
const MAX_CONFLICTS = 16;

/** The endpoint item as stored: the pace's next turn and the breaker. */
interface StoredEndpoint {
  nextSendAt?: number;
  failures?: number;
  openUntil?: number;
  coolDownMs?: number;
  probe?: { holder: string; until: number };
}

/** The parts of one update of an endpoint's item (its expiry is added to every one). */
interface EndpointUpdate {
  set?: string[];
  add?: string;
  remove?: string[];
  condition?: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
}

export interface EndpointStoreOptions {
  /**
   * Dispatcher containers that may run at once (the event source's maximum concurrency). With it,
   * an endpoint this container has not sent to for `fleet / rate` seconds, and knows no failure
   * of, is far below its limits: its attempt touches no item, and all containers together send
   * such attempts at no more than the rate. Without it, every attempt takes a turn on the item.
   */
  fleetConcurrency?: number;
}

/**
 * Pace and circuits on Lambda: one small item per endpoint, shared by every dispatcher container.
 * An attempt takes its turn under the rate limit in one conditional update (which also refuses it
 * while the circuit is open), and nothing is written when it settles unless the breaker changes
 * state (a failure counted, a run of failures ended, the circuit opened or closed). An endpoint far
 * below its limits (see `fleetConcurrency`) is not touched at all. Attempts in flight are bounded
 * per container here, and across the fleet by the queue: SQS fair queues, the endpoint as the
 * message group, and the event source's maximum concurrency.
 */
export class EndpointStore implements EndpointControl {
  /** Within this container; across containers the turns on the item keep the pace. */
  private readonly spacing = new SendSpacing();
  private readonly local: LocalEndpoints;

  spaceSend(endpoint: string, nowMs: number, ratePerSecond: number): number {
    return this.spacing.spaceSend(endpoint, nowMs, ratePerSecond);
  }

  constructor(
    private readonly table: TableContext,
    private readonly rules: EndpointRules = DEFAULT_ENDPOINT_RULES,
    private readonly options: EndpointStoreOptions = {},
  ) {
    this.local = new LocalEndpoints(rules.laneLimit);
  }

  async admit(
    endpoint: string,
    input: { holder: string; now: Date; leaseMs: number; ratePerSecond: number },
  ): Promise<Admission> {
    const now = input.now.getTime();
    const memory = this.local.of(endpoint, now);
    const laneFree = this.local.laneWait(memory, input.holder, now);
    if (laneFree !== undefined) return { kind: 'wait', reason: 'lane-full', untilMs: laneFree };
    const intervalMs = 1000 / Math.max(0.001, input.ratePerSecond);
    const quiet = this.isQuiet(memory, now, intervalMs);
    // This container's own previous turn counts too (it may have gone without the item).
    const earliest = Math.max(now, (memory.lastSendAt ?? Number.NEGATIVE_INFINITY) + intervalMs);
    // The place in this container's lane is taken before the item is asked, so attempts of one
    // batch asking at once cannot all pass the lane's check.
    this.local.reserve(memory, input.holder, now + input.leaseMs);
    if (quiet) {
      this.local.enter(memory, input.holder, { until: now + input.leaseMs, sendAt: now, probe: false });
      return { kind: 'go', sendAt: now, probe: false };
    }
    let known: StoredEndpoint | undefined;
    for (let conflict = 0; ; conflict++) {
      const step = this.nextStep(known, { ...input, now, earliest, intervalMs });
      if (step.kind === 'wait') {
        this.local.leave(memory, input.holder);
        this.local.learn(memory, known ?? {});
        return step;
      }
      try {
        const stored = await this.write(endpoint, input.now, step.update, 'ALL_NEW');
        this.local.learn(memory, stored);
        this.local.enter(memory, input.holder, {
          until: step.sendAt + input.leaseMs,
          sendAt: step.sendAt,
          probe: step.probe,
          failures: stored.failures ?? 0,
          coolDownMs: stored.coolDownMs,
        });
        return { kind: 'go', sendAt: step.sendAt, probe: step.probe };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) {
          this.local.leave(memory, input.holder);
          throw error;
        }
        known = error.Item ? (unmarshall(error.Item) as StoredEndpoint) : {};
        // Many dispatchers at one endpoint at once: each round one of them gets the turn; one that
        // keeps losing comes back when the latest turn is due rather than fail its message.
        if (conflict >= MAX_CONFLICTS) {
          this.local.leave(memory, input.holder);
          return { kind: 'wait', reason: 'rate-limit', untilMs: Math.max(now, known.nextSendAt ?? now) };
        }
        if (conflict > 0) await pause(contentionPauseMs(conflict));
      }
    }
  }

  /**
   * Far below its limits, as this container knows it: no failure or open circuit seen, nothing of
   * its own in flight to it, and no attempt of its own for `fleet / rate` seconds.
   */
  private isQuiet(memory: EndpointMemory, now: number, intervalMs: number): boolean {
    const fleet = this.options.fleetConcurrency;
    if (fleet === undefined || memory.failures > 0 || memory.openUntil !== undefined) return false;
    if (memory.holders.size > 0) return false;
    return memory.lastSendAt === undefined || now - memory.lastSendAt >= fleet * intervalMs;
  }

  /** The conditional write that takes the next turn, given what is known of the item. */
  private nextStep(
    known: StoredEndpoint | undefined,
    input: { holder: string; now: number; leaseMs: number; earliest: number; intervalMs: number },
  ):
    | Extract<Admission, { kind: 'wait' }>
    | { kind: 'write'; update: EndpointUpdate; sendAt: number; probe: boolean } {
    const { now, holder, intervalMs } = input;
    const wait = (reason: Extract<Admission, { kind: 'wait' }>['reason'], untilMs: number) => ({
      kind: 'wait' as const,
      reason,
      untilMs: Math.max(untilMs, now),
    });
    const seen = known?.nextSendAt;
    const sendAt = Math.max(input.earliest, seen ?? 0);
    if (known?.openUntil !== undefined) {
      if (now < known.openUntil) return wait('circuit-open', known.openUntil);
      if (known.probe && known.probe.until > now && known.probe.holder !== holder)
        return wait('circuit-probing', known.probe.until);
      // Cool-down over: this attempt is the one probe.
      return {
        kind: 'write',
        sendAt,
        probe: true,
        update: {
          set: ['nextSendAt = :next', 'probe = :probe'],
          condition:
            'openUntil = :open AND (attribute_not_exists(probe) OR probe.#until <= :now OR probe.holder = :holder)',
          names: { '#until': 'until' },
          values: {
            ':next': sendAt + intervalMs,
            ':probe': { holder, until: sendAt + input.leaseMs },
            ':open': known.openUntil,
            ':now': now,
            ':holder': holder,
          },
        },
      };
    }
    if (sendAt - now > this.rules.maxPaceWaitMs) return wait('rate-limit', sendAt);
    return {
      kind: 'write',
      sendAt,
      probe: false,
      update: {
        set: ['nextSendAt = :next'],
        // The turn read last, or (not read yet, or free) any turn due by then; never while open.
        condition: `${
          seen !== undefined && seen > input.earliest
            ? 'nextSendAt = :seen'
            : '(attribute_not_exists(nextSendAt) OR nextSendAt <= :seen)'
        } AND attribute_not_exists(openUntil)`,
        values: { ':next': sendAt + intervalMs, ':seen': sendAt },
      },
    };
  }

  async settle(
    endpoint: string,
    input: { holder: string; now: Date; signal: AttemptSignal },
  ): Promise<CircuitChange | undefined> {
    const now = input.now.getTime();
    const memory = this.local.of(endpoint, now);
    const held = this.local.leave(memory, input.holder);
    if (input.signal === 'not-sent') {
      if (held?.probe) await this.giveBackProbe(endpoint, input.holder, input.now);
      return undefined;
    }
    if (input.signal === 'answered') {
      // A healthy answer writes nothing unless it ends a run of failures this container saw.
      const knewFailures = (held?.failures ?? 0) > 0 || memory.failures > 0 || held?.probe;
      this.local.learn(memory, { failures: 0 });
      if (!knewFailures) return undefined;
      const old = await this.write(
        endpoint,
        input.now,
        { set: ['failures = :zero'], remove: ['openUntil', 'coolDownMs', 'probe'], values: { ':zero': 0 } },
        'ALL_OLD',
      );
      return old.openUntil !== undefined ? { kind: 'closed', failures: old.failures ?? 0 } : undefined;
    }
    if (held?.probe) {
      const coolDownMs = Math.min(this.rules.maxCoolDownMs, (held.coolDownMs ?? this.rules.coolDownMs) * 2);
      try {
        const reopened = await this.write(
          endpoint,
          input.now,
          {
            set: ['openUntil = :open', 'coolDownMs = :cool'],
            add: 'failures :one',
            remove: ['probe'],
            condition: 'probe.holder = :holder',
            values: { ':open': now + coolDownMs, ':cool': coolDownMs, ':one': 1, ':holder': input.holder },
          },
          'ALL_NEW',
        );
        this.local.learn(memory, reopened);
        return {
          kind: 'reopened',
          failures: reopened.failures ?? 0,
          openUntil: now + coolDownMs,
          coolDownMs,
        };
      } catch (error) {
        // The probe's lease ran out and another took it: this is one more failure.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
    const counted = await this.write(
      endpoint,
      input.now,
      { add: 'failures :one', values: { ':one': 1 } },
      'ALL_NEW',
    );
    this.local.learn(memory, counted);
    const failures = counted.failures ?? 0;
    // Attempts already in flight when the circuit opened do not reopen it; the probe does.
    if (counted.openUntil !== undefined || failures < this.rules.failureThreshold) return undefined;
    const openUntil = now + this.rules.coolDownMs;
    try {
      await this.write(
        endpoint,
        input.now,
        {
          set: ['openUntil = :open', 'coolDownMs = :cool'],
          condition: 'attribute_not_exists(openUntil)',
          values: { ':open': openUntil, ':cool': this.rules.coolDownMs },
        },
        'NONE',
      );
    } catch (error) {
      // Another dispatcher opened it first.
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
    this.local.learn(memory, { failures, openUntil });
    return { kind: 'opened', failures, openUntil, coolDownMs: this.rules.coolDownMs };
  }

  async repace(endpoint: string, input: { now: Date; ratePerSecond: number }): Promise<number> {
    const now = input.now.getTime();
    const intervalMs = 1000 / Math.max(0.001, input.ratePerSecond);
    let seen: number | undefined;
    for (let conflict = 0; ; conflict++) {
      const sendAt = Math.max(now, seen ?? 0);
      try {
        await this.write(
          endpoint,
          input.now,
          {
            set: ['nextSendAt = :next'],
            condition:
              seen !== undefined && seen > now
                ? 'nextSendAt = :seen'
                : 'attribute_not_exists(nextSendAt) OR nextSendAt <= :seen',
            values: { ':next': sendAt + intervalMs, ':seen': sendAt },
          },
          'NONE',
        );
        this.local.of(endpoint, now).lastSendAt = sendAt;
        return sendAt;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException) || conflict >= MAX_CONFLICTS) throw error;
        seen = error.Item ? Number(unmarshall(error.Item).nextSendAt ?? now) : now;
      }
    }
  }

  /** The endpoint's state as stored (empty when it has none); lanes are per container, not stored. */
  async get(endpoint: string): Promise<EndpointState> {
    const { Item } = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: keys.endpoint(endpoint), ConsistentRead: true }),
    );
    const stored = (Item ?? {}) as StoredEndpoint;
    return {
      ...emptyEndpointState(),
      nextSendAt: stored.nextSendAt ?? 0,
      failures: stored.failures ?? 0,
      ...(stored.openUntil !== undefined ? { openUntil: stored.openUntil } : {}),
      ...(stored.coolDownMs !== undefined ? { coolDownMs: stored.coolDownMs } : {}),
      ...(stored.probe ? { probe: stored.probe } : {}),
    };
  }

  private async giveBackProbe(endpoint: string, holder: string, now: Date): Promise<void> {
    try {
      await this.write(
        endpoint,
        now,
        { remove: ['probe'], condition: 'probe.holder = :holder', values: { ':holder': holder } },
        'NONE',
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /**
   * One update of the endpoint's item, keeping it for a week past now; a failed condition throws
   * with the item as it was. Answers the item as `returns` asks.
   */
  private async write(
    endpoint: string,
    now: Date,
    update: EndpointUpdate,
    returns: 'ALL_NEW' | 'ALL_OLD' | 'NONE',
  ): Promise<StoredEndpoint> {
    const clauses = [
      `SET ${[...(update.set ?? []), '#ttl = :ttl', 'entity = :entity'].join(', ')}`,
      ...(update.add ? [`ADD ${update.add}`] : []),
      ...(update.remove?.length ? [`REMOVE ${update.remove.join(', ')}`] : []),
    ];
    const { Attributes } = await this.table.doc.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: keys.endpoint(endpoint),
        UpdateExpression: clauses.join(' '),
        ...(update.condition ? { ConditionExpression: update.condition } : {}),
        ExpressionAttributeNames: { ...update.names, '#ttl': TABLE_DESIGN.ttlAttribute },
        ExpressionAttributeValues: {
          ...update.values,
          ':ttl': Math.floor(now.getTime() / 1000) + IDLE_TTL_SECONDS,
          ':entity': 'endpoint',
        },
        ReturnValues: returns,
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return (Attributes ?? {}) as StoredEndpoint;
  }
}
