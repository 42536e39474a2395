import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../local/dynamodb-local.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

/** Starts one DynamoDB Local (in memory, on a free port) for every test file in the run. */
export default async function setup(project: TestProject) {
  // One database for every test file: they share the engine's credentials (fixed for the run).
  const engine = await startDynamoDbLocal({ accessKeyId: 'test' });
  project.provide('dynamodbEndpoint', engine.endpoint);
  return async () => {
    await engine.stop();
  };
}
