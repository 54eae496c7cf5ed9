export * from './evaluation-request.dto';
export * from './evaluation-request.parser';
export * from './presented-document';
