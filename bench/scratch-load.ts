import { startDynamoDbLocal } from '../shared/local/dynamodb-local.js';
import { benchSubscriptions, bulkLoad, checkItemShape } from './subscription-data.js';
import { createBenchTable, timed } from './support.js';

const t0 = performance.now();
const engine = await startDynamoDbLocal();
console.log('engine up', performance.now() - t0);
const t = await createBenchTable(engine.endpoint, 'scratch');
await checkItemShape(t.table, t.subscriptions);
console.log('shape ok');
for (const conc of [16, 32, 16, 8]) {
  const subs = benchSubscriptions(5000).map((s) => ({ ...s, id: `${s.id}c${conc}` }));
  const { ms, result } = await timed(() => bulkLoad(t.table, subs, conc));
  console.log(conc, result.items, ms.toFixed(0), 'ms', (result.items / ms * 1000).toFixed(0), 'items/s');
}
t.destroy();
await engine.stop();
