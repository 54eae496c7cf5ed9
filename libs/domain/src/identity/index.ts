export * from './population-register';
