import { useState } from 'preact/hooks';
import type { Schemas } from '../api/client';
import './source-original.css';

type ChangeInput = Schemas['PolicyChangeInput'];

/** What the reader found for one field: the value and the sentences of the original it came from. */
interface FieldSource {
  values: string[];
  sentences: string[];
}

/** `field=value: rule ("sentence")`, the importer's evidence line. */
const EVIDENCE_LINE = /^([A-Za-z.]+)=(.*?): .*?(?: \("(.*)"\))?$/s;

/** The importer's evidence grouped by field, each sentence once. */
export function sourcesByField(evidence: readonly string[]): Map<string, FieldSource> {
  const sources = new Map<string, FieldSource>();
  for (const line of evidence) {
    const match = line.match(EVIDENCE_LINE);
    if (!match?.[1]) continue;
    const source = sources.get(match[1]) ?? { values: [], sentences: [] };
    if (match[2] && !source.values.includes(match[2])) source.values.push(match[2]);
    if (match[3] && !source.sentences.includes(match[3])) source.sentences.push(match[3]);
    sources.set(match[1], source);
  }
  return sources;
}

type Kind = 'text' | 'list' | 'json' | 'day';

/** The fields a reviewer checks against the original, in reading order. */
const FIELDS: { field: keyof ChangeInput & string; label: string; kind: Kind }[] = [
  { field: 'summary', label: 'Summary (English)', kind: 'text' },
  { field: 'changeType', label: 'Change type', kind: 'text' },
  { field: 'publishedAt', label: 'Published', kind: 'day' },
  { field: 'effectiveAt', label: 'Effective', kind: 'day' },
  { field: 'expiresAt', label: 'Expires', kind: 'day' },
  { field: 'affectedRegions', label: 'Destinations', kind: 'list' },
  { field: 'materials', label: 'Materials', kind: 'list' },
  { field: 'hsCodes', label: 'HS codes', kind: 'list' },
  { field: 'controlCodes', label: 'Control codes', kind: 'list' },
  { field: 'itemTypes', label: 'Item types', kind: 'list' },
  { field: 'relatedChanges', label: 'Relations', kind: 'json' },
  { field: 'conditions', label: 'Conditions', kind: 'json' },
];

function shown(value: unknown, kind: Kind): string {
  if (value === undefined || value === null) return '';
  if (kind === 'list' && Array.isArray(value)) return value.join(', ');
  if (kind === 'json') return JSON.stringify(value, null, 1);
  if (kind === 'day' && typeof value === 'string') return value.slice(0, 10);
  return String(value);
}

/** The reviewer's text back into the field's shape; a day keeps the time of day and zone it had. */
function parsed(text: string, kind: Kind, original: unknown): unknown {
  if (kind === 'list')
    return text
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
  if (kind === 'json') {
    try {
      return JSON.parse(text);
    } catch {
      return text; // the API names the field in its 422
    }
  }
  if (kind === 'day' && typeof original === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(text))
    return `${text}${original.slice(10) || 'T00:00:00+08:00'}`;
  if (kind === 'day' && /^\d{4}-\d{2}-\d{2}$/.test(text)) return `${text}T00:00:00+08:00`;
  return text;
}

/**
 * A change read from another language, shown beside its original: the original title and text on
 * one side, on the other each extracted field, editable, with the sentence it was read from. The
 * edits made here go to the approval.
 */
export function SourceOriginal({
  id,
  change,
  evidence,
  onEdits,
}: {
  id: string;
  change: ChangeInput;
  evidence: readonly string[];
  onEdits: (edits: Record<string, unknown>) => void;
}) {
  const sources = sourcesByField(evidence);
  const [texts, setTexts] = useState<Record<string, string>>({});
  const record = change as Record<string, unknown>;
  const edit = (field: string, text: string) => {
    const next = { ...texts, [field]: text };
    setTexts(next);
    const edits: Record<string, unknown> = {};
    for (const entry of FIELDS) {
      const value = next[entry.field];
      if (value === undefined || value === shown(record[entry.field], entry.kind)) continue;
      edits[entry.field] = parsed(value, entry.kind, record[entry.field]);
    }
    onEdits(edits);
  };
  return (
    <div class="source-original" data-original={id}>
      {/* Focusable: the original scrolls, and a keyboard reader must reach it. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region is reached by keyboard */}
      <section class="original" lang="zh" aria-label="Original text" tabIndex={0}>
        <h3>{change.titleOriginal}</h3>
        {(change.textOriginal ?? '').split('\n').map((paragraph, index) => (
          <p key={index}>{paragraph}</p>
        ))}
      </section>
      <section class="extracted" aria-label="Extracted fields">
        <dl>
          {(['sourceRef', 'issuingBodies'] as const).map((field) => {
            const source = sources.get(field);
            return source ? (
              <div key={field} data-field={field}>
                <dt>{field === 'sourceRef' ? 'Announcement' : 'Issued by'}</dt>
                <dd>{source.values.join(', ')}</dd>
              </div>
            ) : null;
          })}
        </dl>
        {FIELDS.map(({ field, label, kind }) => {
          const inputId = `${id}-${field}`;
          const source = sources.get(field === 'summary' ? 'sourceRef' : field);
          const value = texts[field] ?? shown(record[field], kind);
          return (
            <div class="field" key={field} data-field={field}>
              <label for={inputId}>{label}</label>
              {kind === 'json' || field === 'summary' ? (
                <textarea
                  id={inputId}
                  rows={kind === 'json' ? 4 : 3}
                  value={value}
                  onInput={(e) => edit(field, e.currentTarget.value)}
                />
              ) : (
                <input id={inputId} value={value} onInput={(e) => edit(field, e.currentTarget.value)} />
              )}
              {source?.sentences.map((sentence) => (
                <blockquote key={sentence} lang="zh" class="muted">
                  {sentence}
                </blockquote>
              ))}
            </div>
          );
        })}
      </section>
    </div>
  );
}
