import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { EVENT_CATALOGUE, EventEnvelopeDto, TOPICS } from '@biogate/contracts';
import { PublicRoute } from './access-control';
import { asyncApiDocument } from './asyncapi-document';
import type { JsonSchemaObject } from './dto-json-schemas';

/**
 * `GET /asyncapi.json`: the AsyncAPI 3.0 document of biogate's topics; `GET /asyncapi`: the same
 * as a page to read, with no script and nothing fetched from elsewhere (it works offline).
 * Public, like /docs: it describes the interface, not any passenger.
 */
@Controller()
@PublicRoute()
@ApiExcludeController()
export class AsyncApiController {
  @Get('asyncapi.json')
  json(): JsonSchemaObject {
    return publishedDocument().document;
  }

  @Get('asyncapi')
  @Header('content-type', 'text/html; charset=utf-8')
  html(): string {
    return publishedDocument().page;
  }
}

let published: { document: JsonSchemaObject; page: string } | undefined;

/**
 * Built at the first request, once per process: the catalogue cannot change while it runs, and
 * building it (a JSON schema of every DTO) is work an application that is never asked should not
 * pay at start-up (tests and the CLI build dozens of applications).
 */
function publishedDocument(): { document: JsonSchemaObject; page: string } {
  if (published === undefined) {
    const document = asyncApiDocument();
    published = { document, page: asyncApiPage(document) };
  }
  return published;
}

const escape = (text: unknown): string =>
  String(text).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** A schema's type in a few words: `string (uuid)`, `one of A, B`, `FlightRefDto`, `array of …`. */
function typeOf(schema: JsonSchemaObject): string {
  const ref = schema['$ref'];
  if (typeof ref === 'string') {
    const name = ref.split('/').at(-1) ?? ref;
    return `<a href="#schema-${escape(name)}">${escape(name)}</a>`;
  }
  if (Array.isArray(schema['enum']))
    return `one of ${(schema['enum'] as unknown[]).map((v) => `<code>${escape(v)}</code>`).join(', ')}`;
  if (schema['type'] === 'array' && typeof schema['items'] === 'object')
    return `array of ${typeOf(schema['items'] as JsonSchemaObject)}`;
  const details = [schema['format'], schema['pattern']].filter((d) => d !== undefined);
  return `${escape(schema['type'] ?? 'any')}${details.length > 0 ? ` (${details.map(escape).join(', ')})` : ''}`;
}

function fieldsTable(schema: JsonSchemaObject | undefined): string {
  const properties = (schema?.['properties'] ?? {}) as Record<string, JsonSchemaObject>;
  const required = new Set((schema?.['required'] ?? []) as string[]);
  const rows = Object.entries(properties).map(
    ([name, property]) =>
      `<tr><td><code>${escape(name)}</code></td><td>${typeOf(property)}</td><td>${required.has(name) ? 'yes' : 'no'}</td><td>${escape(property['description'] ?? '')}</td></tr>`,
  );
  return `<table><thead><tr><th>field</th><th>type</th><th>required</th><th>description</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The document as a page: channels, their messages (key, producers, readers, payload), schemas. */
export function asyncApiPage(document: JsonSchemaObject): string {
  const components = document['components'] as { schemas: Record<string, JsonSchemaObject> };
  const channels = Object.values(TOPICS).map((topic) => {
    const events = EVENT_CATALOGUE.filter((event) => event.topic === topic);
    const messages = events.map(
      (event) => `<section class="message" id="message-${escape(event.type)}-v${event.version}">
<h3>${escape(event.type)} <small>v${event.version}</small></h3>
<p>${escape(event.summary)}</p>
<p>Key: <code>${escape(event.key)}</code>. Written by ${event.producers.map(escape).join(', ')}; read by ${event.consumers.length > 0 ? event.consumers.map(escape).join(', ') : 'no service yet'}.</p>
<p>Payload: <a href="#schema-${escape(event.payload.name)}">${escape(event.payload.name)}</a></p>
${fieldsTable(components.schemas[event.payload.name])}
</section>`,
    );
    return `<section class="channel" id="channel-${escape(topic)}"><h2><code>${escape(topic)}</code></h2>${messages.join('\n')}</section>`;
  });
  const schemas = Object.entries(components.schemas).map(
    ([name, schema]) =>
      `<section class="schema" id="schema-${escape(name)}"><h3>${escape(name)}</h3>${fieldsTable(schema)}</section>`,
  );
  const info = document['info'] as { title: string; description: string };
  const envelope = EventEnvelopeDto.name;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(info.title)} (AsyncAPI 3.0)</title>
<style>
body{font:15px/1.45 system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}
h2{border-bottom:2px solid #0b5cad;padding-bottom:.2rem;margin-top:2.5rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f6f9}code{background:#f3f6f9;padding:0 .2rem}small{color:#57606a}
</style></head><body>
<h1>${escape(info.title)}</h1>
<p>${escape(info.description)}</p>
<p>AsyncAPI 3.0: <a href="/asyncapi.json">/asyncapi.json</a>. Every message is the envelope <a href="#schema-${escape(envelope)}">${escape(envelope)}</a> with the payload below.</p>
${channels.join('\n')}
<h2>Schemas</h2>
${schemas.join('\n')}
</body></html>
`;
}
