/** The presentation of a boarding pass at a lane, written once for the security and boarding gates. */
export * from './gallery-template';
export * from './lane-decision';
export * from './lane-pass';
export * from './lane-presentation';
export * from './lane-context-row';
export * from './gate-read-model';
export * from './lane-alert-raised';
export * from './gate-alerts.query';
export * from './gate-gallery-purge';
export * from './gate-events';
export * from './gate-presentation';
export * from './lane-presentation-fields';
export * from './gate-presentation-write';
