/** The outages in force at each airport, as every service keeps them in its own schema. */
export * from './airport-outages';
