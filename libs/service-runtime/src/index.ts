/** What the services share to run: platform ports, access control, HTTP edge, bootstrap. */
export * from './access-control';
export * from './airport-alerts.query';
export * from './api-keys';
export * from './bootstrap-service';
export * from './face-verification';
export * from './gallery-cipher';
export * from './health.controller';
export * from './http-error.filter';
export * from './input-validation.pipe';
export * from './platform-factory';
export * from './platform.module';
export * from './service-application';
export * from './service-environment';
export * from './service-event-consumer';
export * from './service-module';
export * from './service-outbox';
export * from './template-cipher';
