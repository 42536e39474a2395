/**
 * `local/`
 *
 * The service on one machine, for development and tests: `local-runtime.ts` (`npm start`: DynamoDB
 * Local, the API, matcher, dispatcher and sweep in one process, the console; the table in
 * `local-database.ts`, the sweep in `local-scheduler.ts`), `distributed/`
 * (`npm run start:distributed`: a process per Lambda function, moto_server for SQS, SNS and
 * Secrets Manager, a stream poller and an API Gateway stand-in).
 *
 * Imports: anything. Nothing in `shared/`, `functions/` or `infra/` imports it (`npm run deps`).
 */
export {};
