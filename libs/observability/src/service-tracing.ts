import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';

export { SpanKind, SpanStatusCode, type Context, type Span };

/**
 * The tracer while tracing runs, else undefined: every place that traces asks this first, so a
 * process that does not trace pays one comparison (no spans, no context, no propagation).
 */
let activeTracer: Tracer | undefined;

export function tracer(): Tracer | undefined {
  return activeTracer;
}

export interface TracingOptions {
  /** Where spans go: OTLP over HTTP by default (OTEL_EXPORTER_OTLP_ENDPOINT); tests pass one. */
  readonly exporter?: SpanExporter;
}

/** A running tracer: `stop` exports what is buffered and turns tracing off. */
export interface ServiceTracing {
  stop(): Promise<void>;
}

/**
 * Traces the process (OpenTelemetry): W3C trace context in and out, the active span carried
 * across awaits (AsyncLocalStorage), spans batched to the exporter. One per process, as the
 * OpenTelemetry API's registrations are global.
 */
export function startTracing(service: string, options: TracingOptions = {}): ServiceTracing {
  if (activeTracer !== undefined) throw new Error('tracing already runs in this process');
  const exporter = options.exporter ?? new OTLPTraceExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': process.env.OTEL_SERVICE_NAME ?? service }),
    // A test's exporter gets each span as it ends; a collector gets batches.
    spanProcessors: [
      options.exporter === undefined
        ? new BatchSpanProcessor(exporter)
        : new SimpleSpanProcessor(exporter),
    ],
  });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  activeTracer = trace.getTracer('biogate');
  return {
    stop: async () => {
      activeTracer = undefined;
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}

/** The W3C `traceparent` of the span active now, to store or send with a message. */
export function currentTraceparent(): string | undefined {
  if (activeTracer === undefined) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier['traceparent'];
}

/** The context a `traceparent` (header, stored row) continues; the root where there is none. */
export function contextOf(traceparent: string | undefined): Context {
  if (traceparent === undefined) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, { traceparent });
}

/** The `traceparent` of a span, to send on with what it produced. */
export function traceparentOf(span: Span, parent: Context): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(trace.setSpan(parent, span), carrier);
  return carrier['traceparent'];
}

/** Runs `work` with `span` active, so that spans started inside are its children. */
export function withSpan<T>(span: Span, parent: Context, work: () => T): T {
  return context.with(trace.setSpan(parent, span), work);
}

/** Ends a span as failed, with the error, or as done. */
export function endSpan(span: Span, error?: unknown): void {
  if (error !== undefined) {
    span.recordException(error instanceof Error ? error : { message: JSON.stringify(error) });
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.end();
}
