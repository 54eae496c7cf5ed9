import {
  EVENT_CATALOGUE,
  EventEnvelopeDto,
  TOPICS,
  type EventContract,
  type MessageKey,
} from '@biogate/contracts';
import { dtoJsonSchemas, type JsonSchemaObject } from './dto-json-schemas';

/** Where the committed copy lives (a test keeps it equal to the code). */
export const ASYNCAPI_FILE = 'docs/asyncapi.json';

const CHANNEL_OF: Record<string, { readonly name: string; readonly description: string }> = {
  [TOPICS.journey]: {
    name: 'journey',
    description:
      'Bookings, ticket purchases, check-ins with their boarding passes, security and boarding decisions. Keyed by passenger id, so one passenger stays in order on one partition.',
  },
  [TOPICS.gallery]: {
    name: 'gallery',
    description:
      'Restricted: face templates sealed (AES-256-GCM, a data key per entry wrapped by the gallery key) for the gates of a flight. Gates only.',
  },
  [TOPICS.identity]: {
    name: 'identity',
    description:
      'Enrolments, consent withdrawn, templates deleted: identity references only, never a template or a personal identification number.',
  },
  [TOPICS.operations]: {
    name: 'operations',
    description:
      'Airport operations: outages, lane alerts, boarding opened and closed, queue readings. Keyed by airport code.',
  },
};

const KEY_SCHEMA: Record<MessageKey, JsonSchemaObject> = {
  passengerId: { type: 'string', format: 'uuid', description: 'the passenger id' },
  airport: { type: 'string', pattern: '^[A-Z]{3}$', description: 'the IATA airport code' },
};

const messageId = (event: EventContract) => `${event.type}.v${event.version}`;

/**
 * The AsyncAPI 3.0 document of every topic biogate writes: channels (topics), the messages on
 * each with their Kafka key, who sends and who receives them, and JSON Schemas of envelope and
 * payloads from the class-validator DTOs the consumers check messages with (EVENT_CATALOGUE).
 */
export function asyncApiDocument(): JsonSchemaObject {
  const all = dtoJsonSchemas('#/components/schemas/');
  const schemas: Record<string, JsonSchemaObject> = {};
  const include = (name: string): void => {
    const schema = all[name];
    if (schema === undefined || schemas[name] !== undefined) return;
    schemas[name] = schema;
    for (const ref of JSON.stringify(schema).matchAll(/"#\/components\/schemas\/(\w+)"/g))
      include(ref[1] ?? '');
  };
  include(EventEnvelopeDto.name);
  for (const event of EVENT_CATALOGUE) include(event.payload.name);

  const messages = Object.fromEntries(
    EVENT_CATALOGUE.map((event) => [messageId(event), messageOf(event)]),
  );
  const channels = Object.fromEntries(
    Object.values(TOPICS).map((topic) => {
      const channel = CHANNEL_OF[topic] ?? { name: topic, description: '' };
      return [
        channel.name,
        {
          address: topic,
          description: `${channel.description} What no consumer could apply goes to \`${topic}.dead-letter\` with its bytes.`,
          messages: Object.fromEntries(
            EVENT_CATALOGUE.filter((event) => event.topic === topic).map((event) => [
              messageId(event),
              { $ref: `#/components/messages/${messageId(event)}` },
            ]),
          ),
        },
      ];
    }),
  );
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'biogate events',
      version: '1',
      description:
        "The events biogate's services exchange over Kafka (and in process, in the embedded default): each written to the producer's outbox in the transaction of its change, delivered at least once, applied once per consumer group (by event id). A message is a JSON envelope whose `type` and `version` say what its `payload` is; a consumer ignores types it does not read and dead-letters what fails its schema.",
    },
    defaultContentType: 'application/json',
    servers: {
      kafka: {
        host: 'localhost:9092',
        protocol: 'kafka',
        description: 'The brokers of KAFKA_BROKERS.',
      },
    },
    channels,
    operations: Object.fromEntries([
      ...operationsOf('send', (event) => event.producers),
      ...operationsOf('receive', (event) => event.consumers),
    ]),
    components: {
      messages,
      schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
    },
  };
}

function messageOf(event: EventContract): JsonSchemaObject {
  return {
    name: event.type,
    title: `${event.type} v${event.version}`,
    summary: event.summary,
    contentType: 'application/json',
    payload: {
      allOf: [
        { $ref: `#/components/schemas/${EventEnvelopeDto.name}` },
        {
          type: 'object',
          properties: {
            type: { const: event.type },
            version: { const: event.version },
            key: KEY_SCHEMA[event.key],
            payload: { $ref: `#/components/schemas/${event.payload.name}` },
          },
        },
      ],
    },
    bindings: { kafka: { key: KEY_SCHEMA[event.key], bindingVersion: '0.5.0' } },
    'x-producers': event.producers,
    'x-consumer-groups': event.consumers,
  };
}

/** One operation per service (or consumer group) and channel, with its messages. */
function operationsOf(
  action: 'send' | 'receive',
  actors: (event: EventContract) => readonly string[],
): [string, JsonSchemaObject][] {
  const byActorAndTopic = new Map<string, EventContract[]>();
  for (const event of EVENT_CATALOGUE)
    for (const actor of actors(event)) {
      const id = `${actor}.${action}.${CHANNEL_OF[event.topic]?.name ?? event.topic}`;
      byActorAndTopic.set(id, [...(byActorAndTopic.get(id) ?? []), event]);
    }
  return [...byActorAndTopic].map(([id, events]) => {
    const channel = CHANNEL_OF[events[0]?.topic ?? '']?.name ?? '';
    return [
      id,
      {
        action,
        summary: `${id.split('.')[0] ?? ''} ${action === 'send' ? 'writes' : 'reads (consumer group)'} ${events.map((e) => e.type).join(', ')}`,
        channel: { $ref: `#/channels/${channel}` },
        messages: events.map((event) => ({
          $ref: `#/channels/${channel}/messages/${messageId(event)}`,
        })),
      },
    ];
  });
}

export function asyncApiDocumentText(): string {
  return `${JSON.stringify(asyncApiDocument(), null, 2)}\n`;
}
