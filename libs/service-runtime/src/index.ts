/** What the three services share to run: environment, health, bootstrap. */
export * from './bootstrap-service';
export * from './health.controller';
export * from './service-environment';
export * from './service-module';
