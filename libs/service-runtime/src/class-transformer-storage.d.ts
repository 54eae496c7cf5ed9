// class-transformer ships the metadata storage (needed to resolve nested DTOs in the OpenAPI
// schemas) without a declaration at its CommonJS path; its types live under types/.
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
