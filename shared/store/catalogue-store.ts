import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type CatalogueData, CatalogueDataSchema } from '../model/catalogue.js';
import type { TransactItem } from './audit-store.js';
import { keys } from './keys.js';
import type { TableContext } from './table.js';

/** The catalogue as stored: the data admins edited, and the version each edit increments. */
export interface StoredCatalogue {
  data: CatalogueData;
  version: number;
  updatedAt: string;
}

/** Another edit was saved since this one read the catalogue; read again and re-apply. */
export class CatalogueVersionConflictError extends Error {
  constructor(expectedVersion: number, options?: ErrorOptions) {
    super(`the catalogue is no longer at version ${expectedVersion}`, options);
    this.name = 'CatalogueVersionConflictError';
  }
}

/**
 * The admin-edited catalogue: one item (`CATALOGUE`) holding the whole `CatalogueData` as JSON and a
 * version. Writes are conditional on the version read (optimistic concurrency), so two admins editing
 * different nodes at once never lose either edit. No item means the shipped default is in force.
 */
export class CatalogueStore {
  constructor(private readonly table: TableContext) {}

  /** The stored catalogue, read strongly consistently; undefined until the first admin edit. */
  async load(): Promise<StoredCatalogue | undefined> {
    const { Item } = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: keys.catalogue(), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(String(Item.data));
    } catch (error) {
      throw new Error('the stored catalogue is not valid JSON', { cause: error });
    }
    return {
      data: CatalogueDataSchema.parse(json),
      version: Number(Item.version),
      updatedAt: String(Item.updatedAt),
    };
  }

  /**
   * Saves `data` as version `expectedVersion + 1` if the stored version is still `expectedVersion`
   * (0: nothing stored yet), with `audit` in the same transaction.
   */
  async save(
    data: CatalogueData,
    expectedVersion: number,
    now: Date,
    audit?: TransactItem,
  ): Promise<StoredCatalogue> {
    const stored: StoredCatalogue = { data, version: expectedVersion + 1, updatedAt: now.toISOString() };
    try {
      await this.table.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table.tableName,
                Item: {
                  ...keys.catalogue(),
                  entity: 'catalogue',
                  data: JSON.stringify(data),
                  version: stored.version,
                  updatedAt: stored.updatedAt,
                },
                ...(expectedVersion === 0
                  ? { ConditionExpression: 'attribute_not_exists(pk)' }
                  : {
                      ConditionExpression: 'version = :expected',
                      ExpressionAttributeValues: { ':expected': expectedVersion },
                    }),
              },
            },
            ...(audit ? [audit] : []),
          ],
        }),
      );
    } catch (error) {
      if (
        error instanceof TransactionCanceledException &&
        error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
      ) {
        throw new CatalogueVersionConflictError(expectedVersion, { cause: error });
      }
      throw error;
    }
    return stored;
  }
}
