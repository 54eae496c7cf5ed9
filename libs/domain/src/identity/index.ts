export * from './population-register';
export * from './vneid-purchase';
export * from './vneid-app-window';
export * from './enrolment-eligibility';
