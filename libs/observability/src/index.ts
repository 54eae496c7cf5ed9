/** What a service process tells whoever operates it: metrics (prom-client), logs (pino) and traces (OpenTelemetry). */
export * from './service-metrics';
export * from './decision-labels';
export * from './service-log';
export * from './service-tracing';
