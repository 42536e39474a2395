import type { MiddlewareHandler } from 'hono';
import type { Log } from '../kernel/redaction.js';
import { redactText } from '../kernel/redaction.js';
import type { Principal } from './types.js';

/**
 * One structured line per request: request id, method, path, status, duration and the caller's
 * key id. Never the Authorization header, the query string or the body; a path segment that looks
 * like a key or a secret (pasted there by mistake) is logged as `[redacted]`.
 */
export function requestLog(
  log: Log,
): MiddlewareHandler<{ Variables: { principal: Principal; requestId: string } }> {
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const status = c.res.status;
      const principal = c.get('principal');
      log({
        level: status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info',
        message: 'request',
        requestId: c.get('requestId'),
        method: c.req.method,
        path: redactText(c.req.path),
        status,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        ...(principal ? { keyId: principal.keyId } : {}),
      });
    }
  };
}

/** A caller's `x-request-id`, if it is a sensible one (printable, no spaces, at most 100 characters). */
export function acceptedRequestId(header: string | undefined): string | undefined {
  return header && /^[A-Za-z0-9._:@/+=-]{1,100}$/.test(header) ? header : undefined;
}
