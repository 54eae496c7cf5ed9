export * from './face-model';
export * from './seeded-random';
