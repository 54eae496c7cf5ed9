/**
 * A passenger's face at biogate's touchpoints: the live capture checked against the enrolled
 * template, and the templates sealed at rest (enrolment store) and in the flights' galleries.
 */
export * from './face-verification';
export * from './gallery-cipher';
export * from './template-cipher';
