import { Loading, useData } from '../ui/data';

/** The parts of the API description this page reads. */
interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}
interface ApiDocument {
  webhooks?: Record<
    string,
    {
      post?: {
        summary?: string;
        description?: string;
        requestBody?: { content?: Record<string, { schema?: JsonSchema; example?: unknown }> };
      };
    }
  >;
  components?: { schemas?: Record<string, JsonSchema> };
}

async function loadDocument(): Promise<ApiDocument> {
  const response = await fetch('/openapi.json');
  if (!response.ok) throw new Error(`the API description answered ${response.status}`);
  return (await response.json()) as ApiDocument;
}

const MAX_DEPTH = 3;

function resolve(schema: JsonSchema | undefined, doc: ApiDocument): JsonSchema | undefined {
  const name = schema?.$ref?.replace('#/components/schemas/', '');
  return name ? doc.components?.schemas?.[name] : schema;
}

function typeOf(schema: JsonSchema | undefined, doc: ApiDocument): string {
  const s = resolve(schema, doc);
  if (!s) return 'any';
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (s.anyOf || s.oneOf) return (s.anyOf ?? s.oneOf ?? []).map((v) => typeOf(v, doc)).join(' | ');
  if (s.type === 'array') return `${typeOf(s.items, doc)}[]`;
  const name = schema?.$ref?.replace('#/components/schemas/', '');
  return name ?? (Array.isArray(s.type) ? s.type.join(' | ') : (s.type ?? 'object'));
}

/** An object's fields, with their types, as nested lists down to a few levels. */
function SchemaFields({
  schema,
  doc,
  depth,
}: {
  schema: JsonSchema | undefined;
  doc: ApiDocument;
  depth: number;
}) {
  const s = resolve(schema, doc);
  const inner = s?.type === 'array' ? resolve(s.items, doc) : s;
  const properties = Object.entries(inner?.properties ?? {});
  if (properties.length === 0 || depth > MAX_DEPTH) return null;
  return (
    <ul class="schema-fields">
      {properties.map(([name, property]) => (
        <li key={name}>
          <code>{name}</code>
          {inner?.required?.includes(name) ? '' : '?'} <small class="muted">{typeOf(property, doc)}</small>
          {resolve(property, doc)?.description && <span> — {resolve(property, doc)?.description}</span>}
          <SchemaFields schema={property} doc={doc} depth={depth + 1} />
        </li>
      ))}
    </ul>
  );
}

/**
 * Every event the service sends, read from the API description (`webhooks`): what it means, its
 * body's fields and a real example.
 */
export function EventCataloguePage() {
  const doc = useData(loadDocument, []);
  if (!doc.data) return <Loading loading={doc.loading} problem={doc.problem} />;
  const events = Object.entries(doc.data.webhooks ?? {});
  return (
    <section>
      <h1>Event catalogue</h1>
      <p>
        Every event is a signed POST (Standard Webhooks); <code>type</code> says which. The events about a
        change share one body shape; a digest gathers them. Answer any 2xx within 15 s; anything else is
        retried.
      </p>
      <nav aria-label="Event types">
        <ul class="event-index">
          {events.map(([type]) => (
            <li key={type}>
              <a
                href={`#/event-types?type=${type}`}
                onClick={(e) => {
                  e.preventDefault();
                  document.getElementById(`event-${type}`)?.scrollIntoView();
                }}
              >
                {type}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {events.map(([type, webhook]) => {
        const content = webhook.post?.requestBody?.content?.['application/json'];
        return (
          <article
            key={type}
            id={`event-${type}`}
            class="card event"
            data-event={type}
            aria-labelledby={`event-title-${type}`}
          >
            <h2 id={`event-title-${type}`}>
              <code>{type}</code>
            </h2>
            <p>{webhook.post?.description}</p>
            <details>
              <summary>Fields</summary>
              <SchemaFields schema={content?.schema} doc={doc.data as ApiDocument} depth={0} />
            </details>
            <details open>
              <summary>Example body</summary>
              <pre data-example>{JSON.stringify(content?.example, null, 2)}</pre>
            </details>
          </article>
        );
      })}
    </section>
  );
}
