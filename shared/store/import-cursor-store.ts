import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { keys } from './keys.js';
import type { TableContext } from './table.js';

const CursorSchema = z.object({
  since: z.string(),
  nextPageUrl: z.string().optional(),
  lastDay: z.string().optional(),
  seenOnLastDay: z.array(z.string()),
});

/**
 * Where a poll of the Federal Register stands: the next page to read, or the day to query from,
 * with the documents of the latest day already read (the next query starts on that day again).
 */
export interface FeedCursor {
  since: string;
  nextPageUrl?: string;
  lastDay?: string;
  seenOnLastDay: string[];
}

/** Keeps the cursor between runs; the scheduled importer keeps it in the table. */
export interface FeedCursorStore {
  load(): Promise<FeedCursor | undefined>;
  save(cursor: FeedCursor): Promise<void>;
}

/** Where a scheduled import of one source stands, in one item (`IMPORT#<source>`). */
export class ImportCursorStore implements FeedCursorStore {
  constructor(
    private readonly table: TableContext,
    private readonly source: string,
  ) {}

  async load(): Promise<FeedCursor | undefined> {
    const { Item } = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: this.key(), ConsistentRead: true }),
    );
    const parsed = CursorSchema.safeParse(Item?.cursor);
    return parsed.success ? parsed.data : undefined;
  }

  async save(cursor: FeedCursor): Promise<void> {
    await this.table.doc.send(
      new PutCommand({
        TableName: this.table.tableName,
        Item: { ...this.key(), entity: 'importCursor', cursor, updatedAt: new Date().toISOString() },
      }),
    );
  }

  private key() {
    return keys.importCursor(this.source);
  }
}
