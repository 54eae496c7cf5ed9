import { dtoJsonSchemas, type JsonSchemaObject } from '@biogate/service-runtime';
import * as dtos from './scenario.dto';

/** Where editors find the schema: the seed scenarios name it in their first line. */
export const SCENARIO_SCHEMA_FILE = 'seeds/scenarios/scenario.schema.json';

/**
 * The JSON Schema of a scenario file, from the same class-validator DTOs the loader checks
 * against, so that an editor's completion and the loader agree. What only the loader can say
 * (references between entries, one action per step, the clock never going back) is in
 * docs/scenarios.md.
 */
export function scenarioJsonSchema(): JsonSchemaObject {
  const all = dtoJsonSchemas('#/$defs/');
  const defs: Record<string, JsonSchemaObject> = {};
  const include = (name: string): void => {
    const schema = all[name] ?? inheritedSchema(all, name);
    if (schema === undefined || defs[name] !== undefined) return;
    // The loader refuses unknown fields everywhere.
    defs[name] = { ...schema, additionalProperties: false };
    for (const ref of JSON.stringify(schema).matchAll(/"#\/\$defs\/(\w+)"/g)) include(ref[1] ?? '');
  };
  for (const name of [
    'ScenarioAirportDto',
    'ScenarioFlightDto',
    'ScenarioPassengerDto',
    'ScenarioStepDto',
  ])
    include(name);
  const step = defs.ScenarioStepDto;
  if (step) defs.ScenarioStepDto = { ...step, minProperties: 1 };
  const header = all.ScenarioHeaderDto ?? {};
  const properties = (header.properties ?? {}) as Record<string, JsonSchemaObject>;
  const byReference = (ref: string, description: string) => ({
    type: 'object',
    description,
    propertyNames: { pattern: '^[A-Za-z][A-Za-z0-9_-]{0,39}$' },
    additionalProperties: { $ref: `#/$defs/${ref}` },
  });
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://biogate.example/scenario.schema.json',
    title: 'biogate replay scenario',
    description:
      'A QA scenario for `biogate replay`: flights, passengers and timed steps with expectations (docs/scenarios.md).',
    type: 'object',
    additionalProperties: false,
    required: ['name', 'clock', 'flights', 'passengers', 'steps'],
    properties: {
      name: properties.name,
      description: properties.description,
      clock: properties.clock,
      airports: {
        type: 'object',
        description: 'airports by IATA code, with the outages in force at the start',
        propertyNames: { pattern: '^[A-Z]{3}$' },
        additionalProperties: { $ref: '#/$defs/ScenarioAirportDto' },
      },
      flights: byReference('ScenarioFlightDto', 'flights by reference'),
      passengers: byReference('ScenarioPassengerDto', 'passengers by reference'),
      steps: { type: 'array', items: { $ref: '#/$defs/ScenarioStepDto' } },
    },
    $defs: Object.fromEntries(Object.entries(defs).sort(([a], [b]) => a.localeCompare(b))),
  };
}

/** A DTO that only renames its parent (`SecurityStepDto extends GateStepDto`) has no metadata of its own. */
function inheritedSchema(
  all: Record<string, JsonSchemaObject>,
  name: string,
): JsonSchemaObject | undefined {
  let type: unknown = (dtos as Record<string, unknown>)[name];
  while (typeof type === 'function') {
    type = Object.getPrototypeOf(type) as unknown;
    const schema = typeof type === 'function' ? all[type.name] : undefined;
    if (schema !== undefined) return schema;
  }
  return undefined;
}

export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
