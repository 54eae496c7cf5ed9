export * from './application-errors';
export * from './field-validators';
export * from './input-error';
export * from './json-structure';
export * from './json-text';
export * from './validated-input';
export * from './departing-flight.dto';
