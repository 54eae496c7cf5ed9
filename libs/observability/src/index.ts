/** What a service process tells whoever operates it: metrics (Prometheus, prom-client). */
export * from './service-metrics';
export * from './decision-labels';
