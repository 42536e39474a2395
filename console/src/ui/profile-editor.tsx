import { END_USES, LICENCE_TYPES } from '../../../shared/model/vocabulary';
import type { Schemas } from '../api/client';
import { FieldIssues, issuesFor } from './forms';
import { RegionPicker } from './region-picker';

export type Profile = NonNullable<Schemas['SubscriptionInput']['profile']>;
type Licence = NonNullable<Profile['licences']>[number];

/** A profile with empty parts left out; undefined when nothing is said. */
export function cleanProfile(profile: Profile): Profile | undefined {
  const clean: Profile = {
    ...(profile.endUses?.length ? { endUses: profile.endUses } : {}),
    ...(profile.verifiedEndUser?.length ? { verifiedEndUser: profile.verifiedEndUser } : {}),
    ...(profile.reExports !== undefined ? { reExports: profile.reExports } : {}),
    ...(profile.licences?.some((l) => l.issuer.trim())
      ? { licences: profile.licences.filter((l) => l.issuer.trim()) }
      : {}),
  };
  return Object.keys(clean).length > 0 ? clean : undefined;
}

/** A profile in a line: "civilian; verified end user (CN); re-exports; general licence (CN)". */
export function profileSummary(profile: Profile | undefined): string {
  if (!profile) return "none: the subscriber's default profile applies, if any";
  const parts = [
    profile.endUses?.join(', ') ?? '',
    profile.verifiedEndUser?.length ? `verified end user (${profile.verifiedEndUser.join(', ')})` : '',
    profile.reExports ? 're-exports' : '',
    ...(profile.licences ?? []).map((l) => `${l.type} licence (${l.issuer})`),
  ];
  return parts.filter(Boolean).join('; ') || 'says nothing';
}

/**
 * What the subscriber is, for "does this apply to me": end uses, the issuers whose verified
 * end-user scheme it is in, whether it re-exports, the licences it holds. `field` is where the
 * API's messages name it (`profile` or `defaultProfile`).
 */
export function ProfileEditor(props: {
  value: Profile;
  onChange: (profile: Profile) => void;
  problem: unknown;
  field: string;
}) {
  const { value, onChange, problem, field } = props;
  const uses = new Set(value.endUses ?? []);
  const licences = value.licences ?? [];
  const setLicences = (next: Licence[]) => onChange({ ...value, licences: next });
  return (
    <div class="profile" data-field={field}>
      <fieldset class="checkboxes" data-field={`${field}.endUses`}>
        <legend>End uses of your goods (none: not said)</legend>
        {END_USES.map((use) => (
          <label class="check" key={use}>
            <input
              type="checkbox"
              name={`${field}.endUses`}
              value={use}
              checked={uses.has(use)}
              onChange={() =>
                onChange({
                  ...value,
                  endUses: uses.has(use) ? END_USES.filter((u) => u !== use && uses.has(u)) : [...uses, use],
                })
              }
            />
            <span>{use}</span>
          </label>
        ))}
        <FieldIssues issues={issuesFor(problem, `${field}.endUses`)} />
      </fieldset>
      <RegionPicker
        label="Verified end user under the scheme of"
        name={`${field}.verifiedEndUser`}
        value={value.verifiedEndUser ?? []}
        onChange={(v) => onChange({ ...value, verifiedEndUser: v })}
      />
      <FieldIssues issues={issuesFor(problem, `${field}.verifiedEndUser`)} />
      <label class="check" data-field={`${field}.reExports`}>
        <input
          type="checkbox"
          name={`${field}.reExports`}
          checked={value.reExports === true}
          onChange={(e) => onChange({ ...value, reExports: e.currentTarget.checked })}
        />
        <span>We re-export goods made abroad with controlled content</span>
      </label>
      <fieldset class="licences" data-field={`${field}.licences`}>
        <legend>Licences held</legend>
        {licences.map((licence, i) => (
          <div class="row" key={i}>
            <label>
              Issuer
              <input
                size={4}
                value={licence.issuer}
                onInput={(e) =>
                  setLicences(
                    licences.map((l, j) => (j === i ? { ...l, issuer: e.currentTarget.value.trim() } : l)),
                  )
                }
              />
            </label>
            <label>
              Type
              <select
                value={licence.type}
                onChange={(e) => {
                  const type = LICENCE_TYPES.find((t) => t === e.currentTarget.value) ?? 'individual';
                  setLicences(licences.map((l, j) => (j === i ? { ...l, type } : l)));
                }}
              >
                {LICENCE_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" onClick={() => setLicences(licences.filter((_, j) => j !== i))}>
              Remove
            </button>
          </div>
        ))}
        <button type="button" onClick={() => setLicences([...licences, { issuer: '', type: 'general' }])}>
          Add a licence
        </button>
        <FieldIssues issues={issuesFor(problem, `${field}.licences`)} />
      </fieldset>
    </div>
  );
}
