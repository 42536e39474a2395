// The matching thread's entry: a worker starts on JavaScript, so tsx is registered here first and
// the thread's code (TypeScript) is loaded through it.
import { register } from 'tsx/esm/api';

register();
await import('./matching-thread-worker.ts');
