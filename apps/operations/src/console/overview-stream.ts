import { Injectable, type BeforeApplicationShutdown, type MessageEvent } from '@nestjs/common';
import { filter, interval, merge, Observable, Subject } from 'rxjs';
import { ReadModelChanges } from '../read-model/read-model-changes';
import { AirportOverviewReader } from './airport-overview';

/** At most this often per screen: the server adds events up; the page never gets them raw. */
const MIN_GAP_MS = 200;
/** The clock moves on screen even when nothing happens. */
const HEARTBEAT_MS = 1_000;

/**
 * One screen's live feed of an airport: the overview again after each committed change (latest
 * wins: changes during a read are covered by the next read), at most every 200 ms, and every
 * second for the clock. Every feed ends when the application shuts down: an open screen must
 * not hold the server's close.
 */
@Injectable()
export class OverviewStream implements BeforeApplicationShutdown {
  private readonly closing = new Subject<void>();
  private shuttingDown = false;

  constructor(
    private readonly reader: AirportOverviewReader,
    private readonly changes: ReadModelChanges,
  ) {}

  beforeApplicationShutdown(): void {
    this.shuttingDown = true;
    this.closing.next();
  }

  of(airport: string): Observable<MessageEvent> {
    return new Observable<MessageEvent>((subscriber) => {
      // A screen that reconnects while the server closes gets an ended stream at once.
      if (this.shuttingDown) {
        subscriber.complete();
        return;
      }
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
      const ending = this.closing.subscribe(() => {
        closed = true;
        subscriber.complete();
      });
      void push();
      return () => {
        closed = true;
        triggers.unsubscribe();
        ending.unsubscribe();
      };
    });
  }
}
