/** `zod` in the Lambda bundles: the same shape as zod's entry point, over members.ts. */
import * as z from './members.js';

export * from './members.js';
export { z, z as default };
