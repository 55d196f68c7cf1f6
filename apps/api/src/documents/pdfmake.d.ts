/**
 * The part of pdfmake 0.3's server-side API that the documents use. Declared here rather than
 * taken from `@types/pdfmake`, whose interfaces pull the DOM library into the whole program
 * (`/// <reference lib="dom" />`), which changes the global `fetch` types the rest of the API
 * compiles against.
 */
declare module 'pdfmake' {
  /** A node of a document definition (text, table, columns, stack, image, list …) or a list. */
  export type Content = string | ContentNode | Content[];
  export interface ContentNode {
    text?: Content;
    style?: string | string[];
    stack?: Content[];
    columns?: Content[];
    ul?: Content[];
    image?: string;
    table?: { headerRows?: number; widths?: Array<string | number>; body: TableCell[][] };
    layout?: string;
    [property: string]: unknown;
  }
  export type TableCell = Content;

  export interface FileSpec {
    src: string;
    name?: string;
    description?: string;
    /** pdfkit's options, handed through by pdfmake. */
    type?: string;
    relationship?: string;
    creationDate?: Date;
    modifiedDate?: Date;
  }

  export interface TDocumentDefinitions {
    content: Content;
    pageSize?: string;
    pageMargins?: number | [number, number, number, number];
    language?: string;
    info?: Record<string, string | Date>;
    defaultStyle?: Record<string, unknown>;
    styles?: Record<string, Record<string, unknown>>;
    footer?: (currentPage: number, pageCount: number) => Content;
    version?: '1.3' | '1.4' | '1.5' | '1.6' | '1.7' | '1.7ext3';
    subset?: 'PDF/A-1b' | 'PDF/A-2b' | 'PDF/A-3b' | 'PDF/A-1a' | 'PDF/A-2a' | 'PDF/A-3a';
    files?: Record<string, FileSpec>;
  }

  export interface TFontDictionary {
    [family: string]: { normal: string; bold: string; italics: string; bolditalics: string };
  }

  interface CreatedPdf {
    getBuffer(): Promise<Buffer>;
  }

  interface PdfMake {
    createPdf(definition: TDocumentDefinitions): CreatedPdf;
    setFonts(fonts: TFontDictionary): void;
    setUrlAccessPolicy(allowed: (url: string) => boolean): void;
    setLocalAccessPolicy(allowed: (path: string) => boolean): void;
  }

  const pdfmake: PdfMake;
  export default pdfmake;
}
