import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * X-Ray through Powertools; it stays off outside Lambda (local modes and tests). Imported by the
 * functions whose work is AWS calls (matcher, dispatcher, scheduler, importer), so each call is a
 * subsegment; the api leaves it out (aws-xray-sdk-core and its helpers are 132 kB of a bundle) and
 * is traced by Lambda's own segment.
 */
export const tracer = new Tracer();

/** An AWS SDK client whose calls are X-Ray subsegments. */
export const traced = <T>(client: T): T => tracer.captureAWSv3Client(client);
