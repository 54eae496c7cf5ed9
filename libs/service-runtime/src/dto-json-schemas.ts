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
