import { randomUUID } from 'node:crypto';
import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** API Gateway's own cap on a request payload (HTTP APIs: 10 MB). */
export const API_GATEWAY_MAX_BODY_BYTES = 10 * 1024 * 1024;

const TEXT_TYPES = /^(text\/|application\/(json|problem\+json|xml|x-www-form-urlencoded|javascript))/i;

/**
 * The request as API Gateway (HTTP API, payload format 2.0) hands it to the function: headers
 * lower-cased and repeated ones joined by commas, cookies apart, the query both raw and parsed,
 * a binary body base64-encoded.
 */
export function toApiGatewayEvent(request: IncomingMessage, body: Buffer): APIGatewayProxyEventV2 {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    const name = (request.rawHeaders[i] ?? '').toLowerCase();
    const value = request.rawHeaders[i + 1] ?? '';
    if (name === 'cookie') continue;
    headers[name] = headers[name] === undefined ? value : `${headers[name]},${value}`;
  }
  const cookies = (request.headers.cookie ?? '')
    .split(';')
    .map((cookie) => cookie.trim())
    .filter(Boolean);
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) {
    query[name] = query[name] === undefined ? value : `${query[name]},${value}`;
  }
  const now = new Date();
  const method = request.method ?? 'GET';
  const contentType = headers['content-type'] ?? '';
  const isText = body.length === 0 || contentType === '' || TEXT_TYPES.test(contentType);
  const requestId = randomUUID();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: (headers.host ?? 'localhost').split('.')[0] ?? 'localhost',
      http: {
        method,
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: '$default',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length > 0
      ? { body: isText ? body.toString('utf8') : body.toString('base64'), isBase64Encoded: !isText }
      : { isBase64Encoded: false }),
  } as APIGatewayProxyEventV2;
}

/**
 * The HTTP API in front of the API function on this machine: each request becomes an API Gateway
 * v2 event, the function's result becomes the response. A failed invocation is answered as API
 * Gateway answers it (500, or 503 on a timeout).
 */
export function createApiGateway(options: {
  invoke: (event: APIGatewayProxyEventV2) => Promise<unknown>;
  onError?: (error: unknown) => void;
  /** Whether the function is up; until then requests get a quiet 503 with `Retry-After`. */
  ready?: () => boolean;
  /** What CloudFront serves beside the API on AWS (the console, the docs), answered here instead. */
  site?: { serves: (path: string, method: string) => boolean; listener: RequestListener };
}): Server {
  return createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (options.site?.serves(path, request.method ?? 'GET')) {
      options.site.listener(request, response);
      return;
    }
    if (options.ready && !options.ready()) {
      request.resume();
      response.setHeader('retry-after', '1');
      sendJson(response, 503, { message: 'Service Unavailable: starting' });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > API_GATEWAY_MAX_BODY_BYTES) tooLarge = true;
      // Past the cap the rest is read and dropped, so the connection stays usable.
      else chunks.push(chunk);
    });
    request.on('end', () => {
      if (tooLarge) {
        sendJson(response, 413, { message: 'Request Entity Too Large' });
        return;
      }
      const event = toApiGatewayEvent(request, Buffer.concat(chunks));
      options.invoke(event).then(
        (result) => writeResult(response, result as APIGatewayProxyStructuredResultV2),
        (error: unknown) => {
          options.onError?.(error);
          const timedOut = error instanceof Error && /timed out/.test(error.message);
          sendJson(response, timedOut ? 503 : 500, {
            message: timedOut ? 'Service Unavailable' : 'Internal Server Error',
          });
        },
      );
    });
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

function writeResult(response: ServerResponse, result: APIGatewayProxyStructuredResultV2): void {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {}))
    headers[name.toLowerCase()] = String(value);
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  const body = result.body
    ? Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8')
    : Buffer.alloc(0);
  headers['content-length'] = String(body.length);
  response.writeHead(result.statusCode ?? 200, headers);
  response.end(body);
}
