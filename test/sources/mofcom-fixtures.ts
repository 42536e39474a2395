import { readFileSync } from 'node:fs';
import * as z from 'zod';

/** Where the ministry pages written for the tests live. */
export const MOFCOM_FIXTURES = new URL('../fixtures/mofcom/', import.meta.url);

const ExpectedSchema = z.object({
  changes: z.array(
    z.object({
      file: z.string(),
      sourceRef: z.string(),
      issuingBodies: z.array(z.string()),
      publishedAt: z.string(),
      effectiveAt: z.string(),
      expiresAt: z.string().optional(),
      changeType: z.string(),
      affectedRegions: z.array(z.string()),
      materials: z.array(z.string()),
      hsCodes: z.array(z.string()),
      controlCodes: z.array(z.string()),
      itemTypes: z.array(z.string()),
      conditions: z.array(z.record(z.string(), z.unknown())),
      relatedChanges: z.array(z.object({ relation: z.string(), source: z.string(), sourceRef: z.string() })),
    }),
  ),
  dropped: z.array(z.object({ file: z.string(), reason: z.string() })),
});
export type ExpectedMofcom = z.infer<typeof ExpectedSchema>;

/** The fields written down for each fixture before the reader ran. */
export function expectedMofcom(): ExpectedMofcom {
  return ExpectedSchema.parse(JSON.parse(readFileSync(new URL('expected.json', MOFCOM_FIXTURES), 'utf8')));
}

export function mofcomFixture(name: string): Buffer {
  return readFileSync(new URL(name, MOFCOM_FIXTURES));
}
