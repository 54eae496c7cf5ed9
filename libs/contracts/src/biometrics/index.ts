export * from './face-capture.dto';
