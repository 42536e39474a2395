import { describe, expect, it } from 'vitest';
import { shippedHistory } from '../../shared/ingest/shipped-history/shipped-history.js';
import { EXAMPLE_CHANGE_INPUT, eventExample } from '../../shared/matching/event-examples.js';

describe('the events’ example change', () => {
  it('is the first change of the shipped history, field for field', () => {
    expect(EXAMPLE_CHANGE_INPUT).toEqual(shippedHistory()[0]);
  });

  it('is what the published example carries', () => {
    const example = eventExample('policy_change.published');
    expect(example.data.policyChange).toMatchObject({
      sourceRef: EXAMPLE_CHANGE_INPUT.sourceRef,
      title: EXAMPLE_CHANGE_INPUT.title,
      materials: EXAMPLE_CHANGE_INPUT.materials,
    });
  });
});
