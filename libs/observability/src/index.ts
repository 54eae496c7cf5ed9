/** What a service process tells whoever operates it: metrics (prom-client) and logs (pino). */
export * from './service-metrics';
export * from './decision-labels';
export * from './service-log';
