import { Injectable, type BeforeApplicationShutdown, type MessageEvent } from '@nestjs/common';
import { EMPTY, filter, interval, merge, Observable, shareReplay, Subject, takeUntil } from 'rxjs';
import { ReadModelChanges } from '../read-model/read-model-changes';
import { AirportOverviewReader } from './airport-overview';

/** At most this often per airport: the server adds events up; a page never gets them raw. */
const MIN_GAP_MS = 200;
/** The clock moves on screen even when nothing happens. */
const HEARTBEAT_MS = 1_000;

/**
 * The live feed of an airport's overview: read again after each committed change (latest wins:
 * changes during a read are covered by the next read), at most every 200 ms, and every second
 * for the clock. One feed per airport, shared by every screen that watches it (a new screen
 * gets the latest overview at once), so a hundred screens cost one read, not a hundred. Every
 * feed ends when the application shuts down: an open screen must not hold the server's close.
 */
@Injectable()
export class OverviewStream implements BeforeApplicationShutdown {
  private readonly closing = new Subject<void>();
  private shuttingDown = false;
  private readonly feeds = new Map<string, Observable<MessageEvent>>();

  constructor(
    private readonly reader: AirportOverviewReader,
    private readonly changes: ReadModelChanges,
  ) {}

  beforeApplicationShutdown(): void {
    this.shuttingDown = true;
    this.closing.next();
  }

  of(airport: string): Observable<MessageEvent> {
    // A screen that reconnects while the server closes gets an ended stream at once.
    if (this.shuttingDown) return EMPTY;
    let feed = this.feeds.get(airport);
    if (feed === undefined) {
      feed = this.overviews(airport).pipe(
        takeUntil(this.closing),
        shareReplay({ bufferSize: 1, refCount: true }),
      );
      this.feeds.set(airport, feed);
    }
    return feed;
  }

  private overviews(airport: string): Observable<MessageEvent> {
    return new Observable<MessageEvent>((subscriber) => {
      let dirty = true;
      let running = false;
      let closed = false;
      const push = async (): Promise<void> => {
        if (running) return;
        running = true;
        while (dirty && !closed) {
          dirty = false;
          const started = Date.now();
          try {
            subscriber.next({ type: 'overview', data: await this.reader.overview(airport) });
          } catch (error) {
            subscriber.error(error);
            return;
          }
          const wait = MIN_GAP_MS - (Date.now() - started);
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        }
        running = false;
      };
      const triggers = merge(
        this.changes.stream.pipe(filter((changed) => changed === airport)),
        interval(HEARTBEAT_MS),
      ).subscribe(() => {
        dirty = true;
        void push();
      });
      void push();
      return () => {
        closed = true;
        triggers.unsubscribe();
      };
    });
  }
}
