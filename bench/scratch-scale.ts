import { startDynamoDbLocal } from '../shared/local/dynamodb-local.js';
import { matchingScale } from './matching-scale.js';
const engine = await startDynamoDbLocal();
try {
  const t = performance.now();
  const r = await matchingScale(engine.endpoint, console.log);
  console.log(JSON.stringify(r, null, 1));
  console.log('total', performance.now() - t);
} finally { await engine.stop(); }
