import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { type DeliveryStore, refOf } from '../../shared/store/delivery-store.js';
import { keys } from '../../shared/store/keys.js';
import { documentClient } from '../../shared/store/table.js';
import type { TestTable } from './dynamodb.js';

/**
 * The table's delivery store for a run that dies after its alerts' puts and before their deliveries'
 * batch write lands: the alerts stay, their deliveries are taken out again, and `createAlerts`
 * throws `the run died`.
 */
export function dyingAfterAlertPuts(
  table: Pick<TestTable, 'client' | 'tableName' | 'deliveries'>,
): DeliveryStore {
  const dying = Object.create(table.deliveries) as DeliveryStore;
  dying.createAlerts = async (alerts) => {
    for (const result of await table.deliveries.createAlerts(alerts)) {
      for (const delivery of result.toSend) {
        await documentClient(table.client).send(
          new DeleteCommand({ TableName: table.tableName, Key: keys.delivery(refOf(delivery)) }),
        );
      }
    }
    throw new Error('the run died');
  };
  return dying;
}
