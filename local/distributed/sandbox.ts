/**
 * One Lambda execution environment: loads a function's real entry point (`handler` export) and
 * runs one invocation at a time as the parent process asks over IPC. The parent plays the Lambda
 * service (API Gateway, event source mappings, EventBridge); this process is only the function.
 *
 * Usage (by FunctionProcess): node --import tsx sandbox.ts <entry.ts> <function name>
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import type { InvokeRequest, SandboxMessage } from './protocol.js';

const [entry, functionName = 'function'] = process.argv.slice(2);
if (!entry || !process.send) {
  process.stderr.write('sandbox: run by FunctionProcess with an entry module\n');
  process.exit(2);
}
const send = (message: SandboxMessage) => process.send?.(message);

type Handler = (event: unknown, context: Context) => Promise<unknown>;
const { handler } = (await import(pathToFileURL(resolve(entry)).href)) as { handler: Handler };

function lambdaContext(requestId: string, deadline: number): Context {
  const region = process.env.AWS_REGION ?? 'us-east-1';
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/[$LATEST]${process.pid}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

process.on('message', (request: InvokeRequest) => {
  const requestId = request.requestId ?? randomUUID();
  handler(request.event, lambdaContext(requestId, request.deadline)).then(
    (result) => send({ kind: 'result', id: request.id, result: result ?? null }),
    (error: unknown) => {
      const failure = error instanceof Error ? error : new Error(String(error));
      send({
        kind: 'error',
        id: request.id,
        error: { errorType: failure.name, errorMessage: failure.message },
      });
    },
  );
});
// The parent stays; this process ends with it.
process.on('disconnect', () => process.exit(0));
send({ kind: 'ready' });
