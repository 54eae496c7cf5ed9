export * from './population-register';
export * from './vneid-purchase';
