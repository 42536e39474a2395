/**
 * A webhook receiver in a process of its own, for the burst: receivers never share the service's
 * event loop, so a busy service cannot make its own receiver answer late. Started with `fork`; it
 * sends `{ url }` once listening, and answers `{ requests, webhookIds, repeated }` to `'count'`.
 */
import { startReceiver } from '../local/webhook-receiver.js';

const seen = new Map<string, number>();
let requests = 0;
const receiver = await startReceiver((request) => {
  const id = request.headers['webhook-id'];
  if (typeof id === 'string') {
    requests += 1;
    seen.set(id, (seen.get(id) ?? 0) + 1);
  }
  return 200;
});
// The receiver keeps every request it got; this process only needs the counts.
setInterval(() => receiver.received.splice(0), 1000).unref();

process.on('message', (message) => {
  if (message !== 'count') return;
  const repeated = [...seen].filter(([, times]) => times > 1).map(([id]) => id);
  process.send?.({ requests, webhookIds: seen.size, repeated: repeated.slice(0, 20) });
});
process.on('disconnect', () => {
  void receiver.close().then(() => process.exit(0));
});
process.send?.({ url: receiver.url });
