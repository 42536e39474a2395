/** Messages between the local Lambda service (parent) and a function sandbox (child). */
export interface InvokeRequest {
  id: number;
  requestId?: string;
  /** Epoch ms at which the invocation times out (the function's configured timeout). */
  deadline: number;
  event: unknown;
}

export type SandboxMessage =
  | { kind: 'ready' }
  | { kind: 'result'; id: number; result: unknown }
  | { kind: 'error'; id: number; error: { errorType: string; errorMessage: string } };
