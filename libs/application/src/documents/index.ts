import { DocumentHashes } from './document-hashes';
import { FindDocumentByHashHandler } from './find-by-hash.query';
import { GetPrintableDocumentHandler } from './printable-document.query';

export * from './document-verification';
export * from './document-hashes';
export * from './find-by-hash.query';
export * from './printable-document.query';

/** The documents' providers (ApplicationModule): the hash registry and the two queries. */
export const DOCUMENT_PROVIDERS = [
  DocumentHashes,
  GetPrintableDocumentHandler,
  FindDocumentByHashHandler,
];
