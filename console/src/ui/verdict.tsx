import type { Schemas } from '../api/client';

type Applicability = NonNullable<Schemas['Delivery']['applicability']>;

const WORDS: Record<Applicability['verdict'], string> = {
  applies: 'applies to you',
  'does-not-apply': 'does not apply to you',
  'applies-if': 'applies if you meet its conditions',
  unknown: 'not known',
};

/** Whether the change applies to the subscriber, and why, condition by condition. */
export function Verdict({ applicability }: { applicability: Applicability | undefined }) {
  if (!applicability) return null;
  return (
    <details class="verdict" data-verdict={applicability.verdict}>
      <summary>
        <span class={`badge verdict-${applicability.verdict}`}>{WORDS[applicability.verdict]}</span>
      </summary>
      <ul class="verdict-reasons">
        {applicability.reasons.map((reason, i) => (
          <li key={i} data-result={reason.result}>
            <strong>
              {reason.condition.effect} {reason.condition.type}
            </strong>
            {reason.profileField && <small class="muted"> ({reason.profileField})</small>}: {reason.text}
          </li>
        ))}
      </ul>
    </details>
  );
}
