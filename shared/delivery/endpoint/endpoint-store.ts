import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { keys, TABLE_DESIGN } from '../../store/keys.js';
import type { TableContext } from '../../store/table.js';
import { contentionPauseMs, pause } from '../../store/throttle-retry.js';
import { DEFAULT_ENDPOINT_RULES, type EndpointControl, SendSpacing } from './endpoint-control.js';
import {
  type Admission,
  type AttemptSignal,
  admit,
  type CircuitChange,
  type EndpointRules,
  type EndpointState,
  emptyEndpointState,
  repace,
  settle,
} from './endpoint-state.js';

/** An endpoint item no dispatcher touched for this long expires (DynamoDB TTL). */
const IDLE_TTL_SECONDS = 7 * 86_400;
const MAX_CONFLICTS = 8;

interface StoredEndpoint {
  state: EndpointState;
  version: number;
}

/**
 * Lanes, pace and circuits on Lambda: one small item per endpoint, read consistently and written
 * with a version check, so concurrent dispatchers in different containers never both take the
 * last place in a lane or the same turn under the rate limit. A place in the lane is a lease: a
 * dispatcher that dies gives it back when the lease ends.
 */
export class EndpointStore implements EndpointControl {
  /** Within this container; across containers the turns on the item keep the pace. */
  private readonly spacing = new SendSpacing();

  spaceSend(endpoint: string, nowMs: number, ratePerSecond: number): number {
    return this.spacing.spaceSend(endpoint, nowMs, ratePerSecond);
  }

  constructor(
    private readonly table: TableContext,
    private readonly rules: EndpointRules = DEFAULT_ENDPOINT_RULES,
  ) {}

  async admit(
    endpoint: string,
    input: { holder: string; now: Date; leaseMs: number; ratePerSecond: number },
  ): Promise<Admission> {
    return this.update(endpoint, input.now, (state) => {
      const result = admit(state, { ...input, now: input.now.getTime() }, this.rules);
      return { state: result.admission.kind === 'go' ? result.state : undefined, value: result.admission };
    });
  }

  async settle(
    endpoint: string,
    input: { holder: string; now: Date; signal: AttemptSignal },
  ): Promise<CircuitChange | undefined> {
    return this.update(endpoint, input.now, (state) => {
      const result = settle(state, { ...input, now: input.now.getTime() }, this.rules);
      return { state: result.state, value: result.change };
    });
  }

  async repace(endpoint: string, input: { now: Date; ratePerSecond: number }): Promise<number> {
    return this.update(endpoint, input.now, (state) => {
      const result = repace(state, { now: input.now.getTime(), ratePerSecond: input.ratePerSecond });
      return { state: result.state, value: result.sendAt };
    });
  }

  /** The endpoint's state as stored (empty when it has none). */
  async get(endpoint: string): Promise<EndpointState> {
    return (await this.read(endpoint))?.state ?? emptyEndpointState();
  }

  private async read(endpoint: string): Promise<StoredEndpoint | undefined> {
    const { Item } = await this.table.doc.send(
      new GetCommand({
        TableName: this.table.tableName,
        Key: keys.endpoint(endpoint),
        ConsistentRead: true,
      }),
    );
    if (!Item) return undefined;
    const state: EndpointState = {
      slots: (Item.slots as Record<string, number> | undefined) ?? {},
      nextSendAt: Number(Item.nextSendAt ?? 0),
      failures: Number(Item.failures ?? 0),
    };
    if (Item.openUntil !== undefined) state.openUntil = Number(Item.openUntil);
    if (Item.coolDownMs !== undefined) state.coolDownMs = Number(Item.coolDownMs);
    if (Item.probe) state.probe = Item.probe as { holder: string; until: number };
    return { state, version: Number(Item.version ?? 0) };
  }

  /** Read, apply, write back unless another dispatcher wrote first (then again). */
  private async update<T>(
    endpoint: string,
    now: Date,
    apply: (state: EndpointState) => { state: EndpointState | undefined; value: T },
  ): Promise<T> {
    for (let conflict = 0; ; conflict++) {
      const stored = await this.read(endpoint);
      const { state, value } = apply(stored?.state ?? emptyEndpointState());
      if (!state) return value;
      try {
        await this.table.doc.send(
          new PutCommand({
            TableName: this.table.tableName,
            Item: {
              ...keys.endpoint(endpoint),
              entity: 'endpoint',
              endpoint,
              ...state,
              version: (stored?.version ?? 0) + 1,
              [TABLE_DESIGN.ttlAttribute]: Math.floor(now.getTime() / 1000) + IDLE_TTL_SECONDS,
            },
            ConditionExpression: stored ? 'version = :version' : 'attribute_not_exists(pk)',
            ...(stored ? { ExpressionAttributeValues: { ':version': stored.version } } : {}),
          }),
        );
        return value;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException) || conflict >= MAX_CONFLICTS) throw error;
        await pause(contentionPauseMs(conflict));
      }
    }
  }
}
