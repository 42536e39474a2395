import { useState } from 'preact/hooks';
import { CHANGE_TYPES, DIRECTIONS, SEVERITIES } from '../../../shared/model/vocabulary';
import { api, result, type Schemas } from '../api/client';
import { Field, FieldIssues, issuesFor, ProblemBanner, splitList, useAction } from '../ui/forms';
import { MaterialPicker } from '../ui/material-picker';
import { RegionPicker } from '../ui/region-picker';

type Input = Schemas['PolicyChangeInput'];

const FIELDS = [
  'source',
  'sourceRef',
  'revision',
  'title',
  'summary',
  'url',
  'issuingRegion',
  'originRegions',
  'affectedRegions',
  'materials',
  'hsCodes',
  'changeType',
  'direction',
  'severity',
  'conditions',
  'publishedAt',
  'effectiveAt',
  'expiresAt',
];

/** A datetime-local value as ISO 8601 in UTC; anything else is sent as typed so the API names the problem. */
const instant = (value: string) => {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
};

/** An administrator posts a policy change by hand (feeds use an ingest key and the same route). */
export function AdminPostChangePage() {
  const [form, setForm] = useState({
    source: '',
    sourceRef: '',
    revision: '1',
    title: '',
    summary: '',
    url: '',
    issuingRegion: '',
    hsCodes: '',
    conditions: '',
    changeType: 'licence-requirement',
    direction: '',
    severity: 'medium',
    publishedAt: '',
    effectiveAt: '',
    expiresAt: '',
  });
  const [materials, setMaterials] = useState<string[]>([]);
  const [originRegions, setOriginRegions] = useState<string[]>([]);
  const [affectedRegions, setAffectedRegions] = useState<string[]>([]);
  const [accepted, setAccepted] = useState<string | undefined>(undefined);
  const set = (key: keyof typeof form) => (e: { currentTarget: { value: string } }) =>
    setForm({ ...form, [key]: e.currentTarget.value });

  const post = useAction(async () => {
    setAccepted(undefined);
    const changeType = CHANGE_TYPES.find((t) => t === form.changeType) ?? 'other';
    const severity = SEVERITIES.find((s) => s === form.severity) ?? 'medium';
    const direction = DIRECTIONS.find((d) => d === form.direction);
    const hsCodes = splitList(form.hsCodes);
    const conditions = splitList(form.conditions);
    const body: Input = {
      source: form.source,
      sourceRef: form.sourceRef,
      revision: Number(form.revision),
      title: form.title,
      issuingRegion: form.issuingRegion,
      affectedRegions,
      materials,
      changeType,
      severity,
      ...(form.summary ? { summary: form.summary } : {}),
      ...(form.url ? { url: form.url } : {}),
      ...(originRegions.length ? { originRegions } : {}),
      ...(hsCodes.length ? { hsCodes } : {}),
      ...(conditions.length ? { conditions } : {}),
      ...(direction ? { direction } : {}),
      ...(form.publishedAt ? { publishedAt: instant(form.publishedAt) } : {}),
      ...(form.effectiveAt ? { effectiveAt: instant(form.effectiveAt) } : {}),
      ...(form.expiresAt ? { expiresAt: instant(form.expiresAt) } : {}),
    };
    const out = await result(api.POST('/v1/policy-changes', { body }));
    setAccepted(`Accepted: ${out.id}, revision ${out.revision}. Matching has started.`);
  });

  const text = (key: keyof typeof form, label: string, hint?: string) => (
    <Field label={label} field={key} problem={post.problem} {...(hint ? { hint } : {})}>
      {(attrs) => <input {...attrs} value={form[key]} onInput={set(key)} />}
    </Field>
  );
  const when = (key: 'publishedAt' | 'effectiveAt' | 'expiresAt', label: string) => (
    <Field label={label} field={key} problem={post.problem}>
      {(attrs) => <input {...attrs} type="datetime-local" value={form[key]} onInput={set(key)} />}
    </Field>
  );

  return (
    <section>
      <h1>Post a policy change</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void post.run();
        }}
        noValidate
      >
        <ProblemBanner problem={post.problem} shown={FIELDS} />
        {accepted && <output class="notice">{accepted}</output>}
        <div class="grid3">
          {text('source', 'Source', 'e.g. cn-mofcom, us-bis')}
          {text('sourceRef', 'Source reference', 'The publisher’s own number')}
          {text('revision', 'Revision')}
        </div>
        {text('title', 'Title')}
        <Field label="Summary" field="summary" problem={post.problem}>
          {(attrs) => <textarea {...attrs} rows={3} value={form.summary} onInput={set('summary')} />}
        </Field>
        {text('url', 'Source URL')}
        <div class="grid3">
          {text('issuingRegion', 'Issuing region', 'ISO code or group, e.g. CN')}
          <Field label="Change type" field="changeType" problem={post.problem}>
            {(attrs) => (
              <select {...attrs} value={form.changeType} onChange={set('changeType')}>
                {CHANGE_TYPES.map((t) => (
                  <option key={t}>{t}</option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Severity" field="severity" problem={post.problem}>
            {(attrs) => (
              <select {...attrs} value={form.severity} onChange={set('severity')}>
                {SEVERITIES.map((s) => (
                  <option key={s}>{s}</option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Direction" field="direction" problem={post.problem}>
            {(attrs) => (
              <select {...attrs} value={form.direction} onChange={set('direction')}>
                <option value="">(from the change type)</option>
                {DIRECTIONS.map((d) => (
                  <option key={d}>{d}</option>
                ))}
              </select>
            )}
          </Field>
          {text('hsCodes', 'HS codes (comma-separated)')}
          {text('conditions', 'Conditions (comma-separated)', 'e.g. verified-end-user')}
        </div>
        <MaterialPicker id="change-materials" value={materials} onChange={setMaterials} />
        <FieldIssues issues={issuesFor(post.problem, 'materials')} />
        <div class="grid2">
          <div>
            <RegionPicker
              label="Origin regions (blank: the default for the type)"
              name="originRegions"
              value={originRegions}
              onChange={setOriginRegions}
            />
            <FieldIssues issues={issuesFor(post.problem, 'originRegions')} />
          </div>
          <div>
            <RegionPicker
              label="Affected regions (destinations)"
              name="affectedRegions"
              value={affectedRegions}
              onChange={setAffectedRegions}
            />
            <FieldIssues issues={issuesFor(post.problem, 'affectedRegions')} />
          </div>
        </div>
        <div class="grid3">
          {when('publishedAt', 'Published (your time)')}
          {when('effectiveAt', 'Effective (your time)')}
          {when('expiresAt', 'Expires (your time)')}
        </div>
        <div class="form-actions">
          <button class="primary" type="submit" disabled={post.busy}>
            Post the change
          </button>
        </div>
      </form>
    </section>
  );
}
