import { ApiQuery } from '@nestjs/swagger';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';

export type JsonSchemaObject = Record<string, unknown>;

/**
 * JSON Schemas of every class-validator DTO loaded in the process, keyed by class name, derived
 * from the validation rules themselves: OpenAPI and the scenario schema share this one source.
 */
export function dtoJsonSchemas(refPointerPrefix: string): Record<string, JsonSchemaObject> {
  return validationMetadatasToSchemas({
    classTransformerMetadataStorage: defaultMetadataStorage,
    refPointerPrefix,
    // Our own validators (libs/contracts field-validators), in JSON Schema terms.
    additionalConverters: {
      isInstant: {
        type: 'string',
        format: 'date-time',
        description: 'ISO 8601 instant with an offset',
      },
      isLocalDate: { type: 'string', format: 'date' },
      isDocumentNumberFor: {
        type: 'string',
        description: '12 digits for national e-ID types; 1-64 printable characters otherwise',
      },
      requiredOnlyWhen: {
        type: 'string',
        description: 'required for some values of a sibling field, absent otherwise',
      },
    },
  }) as Record<string, JsonSchemaObject>;
}

/**
 * OpenAPI query parameters of an operation, one per field of its query DTO, from the same
 * class-validator rules that check them (Nest's plugin would need @ApiProperty on every field).
 */
export function ApiQueryFrom(dto: abstract new () => object): MethodDecorator {
  return (target, propertyKey, descriptor) => {
    const schema = dtoJsonSchemas('#/components/schemas/')[dto.name] as
      { properties?: Record<string, JsonSchemaObject>; required?: string[] } | undefined;
    if (schema === undefined) throw new Error(`no JSON Schema for ${dto.name}`);
    const required = new Set(schema.required ?? []);
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      ApiQuery({ name, required: required.has(name), schema: property })(
        target,
        propertyKey,
        descriptor,
      );
    }
  };
}
