export * from './bcbp';
