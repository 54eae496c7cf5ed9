import pino, { type DestinationStream, type LevelWithSilent, type Logger } from 'pino';
import pinoPretty from 'pino-pretty';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const LOG_FORMATS = ['json', 'pretty'] as const;
/** `json`: one JSON object per line, for a collector. `pretty`: coloured text, for a terminal. */
export type LogFormat = (typeof LOG_FORMATS)[number];

export interface ServiceLogOptions {
  /** `info` by default: a line per request and per event handled. */
  readonly level?: LogLevel;
  readonly format?: LogFormat;
  /** Where the lines go; standard output by default (tests pass a stream of their own). */
  readonly destination?: DestinationStream;
}

/** One event a consumer applied, as its log line names it. */
export interface HandledEvent {
  readonly group: string;
  readonly topic: string;
  readonly type: string;
  readonly eventId: string;
  readonly correlationId: string;
  readonly passengerId?: string;
  /** The transaction that applied it (a whole batch's, when it came in one). */
  readonly durationMs: number;
  readonly batchSize: number;
}

/**
 * A service process's log (pino): JSON lines carrying the service's name, an ISO time and the
 * level as a word. Only ids, codes, routes, outcomes and durations go in: never a body, a capture,
 * a template, a document number or a key, so that nothing a log collector keeps is personal data
 * beyond the passenger's opaque id.
 */
export class ServiceLog {
  readonly logger: Logger;

  constructor(
    readonly service: string,
    options: ServiceLogOptions = {},
  ) {
    const level: LevelWithSilent = options.level ?? 'info';
    this.logger = pino(
      {
        level,
        base: { service, pid: process.pid },
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
      },
      options.destination ??
        (level === 'silent'
          ? { write: () => undefined }
          : standardOutput(options.format ?? 'json')),
    );
  }

  /** A log that writes nothing (tests and embedded runs that keep their own output). */
  static silent(service: string): ServiceLog {
    return new ServiceLog(service, { level: 'silent' });
  }

  /** Whether a line per event handled is written (so that a consumer builds none for nothing). */
  get logsEvents(): boolean {
    return this.logger.isLevelEnabled('info');
  }

  /** A line per event applied (not for duplicates, which change nothing). */
  eventHandled(event: HandledEvent): void {
    this.logger.info(event, `${event.group} handled ${event.type}`);
  }

  /** Writes out what the destination still buffers (before the process exits). */
  flush(): void {
    this.logger.flush();
  }
}

/**
 * How JSON lines leave the process: gathered up to `minLength` bytes, and never held longer
 * than `periodicFlushMs`. A write per line cost each service a system call, a hop through
 * libuv's thread pool and a wake-up of its reader, at a line per request and per event (the
 * security gate in a live day wrote to standard output as often as to all its sockets); a
 * block of 4 kB holds a dozen lines.
 */
export const JSON_LINE_BLOCK = { minLength: 4_096, periodicFlushMs: 200 } as const;

/** Where JSON lines go: written in blocks, flushed when asked, and closed. */
export interface JsonLineDestination extends DestinationStream {
  flush(): void;
  destroy(): void;
}

/**
 * The JSON lines' destination on a file descriptor (standard output: 1). The timer flushes only
 * what lines were written since it last did: SonicBoom's own `periodicFlush` wrote an empty
 * string every time, so an idle service woke five times a second to write nothing.
 */
export function jsonLineDestination(fd: number): JsonLineDestination {
  // Asynchronous; pino writes out what is held when the process exits, however it exits.
  const stream = pino.destination({ dest: fd, sync: false, minLength: JSON_LINE_BLOCK.minLength });
  let written = false;
  const timer = setInterval(() => {
    if (!written) return;
    written = false;
    stream.flush();
  }, JSON_LINE_BLOCK.periodicFlushMs);
  timer.unref();
  return {
    write(line: string) {
      written = true;
      stream.write(line);
    },
    flush() {
      written = false;
      stream.flush();
    },
    destroy() {
      clearInterval(timer);
      stream.destroy();
    },
  };
}

function standardOutput(format: LogFormat): DestinationStream {
  if (format === 'pretty')
    return pinoPretty({ colorize: true, ignore: 'pid', translateTime: 'SYS:HH:MM:ss.l' });
  return jsonLineDestination(1);
}
