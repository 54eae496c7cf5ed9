/** Discrete-event simulation: kernel, future event list, distributions, service desks. */
export * from './distributions';
export * from './event-queue';
export * from './growable';
export * from './queueing-theory';
export * from './service-desk';
export * from './simulation';
