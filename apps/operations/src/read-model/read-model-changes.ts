import { Injectable } from '@nestjs/common';
import { Subject, type Observable } from 'rxjs';

/** Tells the live views which airport's read model changed, once the change has committed. */
@Injectable()
export class ReadModelChanges {
  private readonly airports = new Subject<string>();

  changed(airport: string): void {
    this.airports.next(airport);
  }

  get stream(): Observable<string> {
    return this.airports.asObservable();
  }
}
