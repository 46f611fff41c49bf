// saxen ships without type declarations; this declares only the parts xlsx/xml.ts uses
// (non-namespaced, non-proxy mode).
declare module 'saxen' {
  /** Returns the raw (still entity-encoded) attribute values of the current element. */
  export type AttributeGetter = () => Record<string, string>;

  export type EntityDecoder = (text: string) => string;

  export interface ParseContext {
    line: number;
    column: number;
    data?: string;
  }

  export type ContextGetter = () => ParseContext;

  export class Parser {
    on(
      event: 'openTag',
      listener: (
        elementName: string,
        getAttributes: AttributeGetter,
        decodeEntities: EntityDecoder,
        selfClosing: boolean,
        getContext: ContextGetter,
      ) => void,
    ): this;
    on(
      event: 'closeTag',
      listener: (
        elementName: string,
        decodeEntities: EntityDecoder,
        selfClosing: boolean,
        getContext: ContextGetter,
      ) => void,
    ): this;
    on(
      event: 'text',
      listener: (text: string, decodeEntities: EntityDecoder, getContext: ContextGetter) => void,
    ): this;
    on(event: 'cdata', listener: (text: string, getContext: ContextGetter) => void): this;
    on(event: 'error', listener: (error: Error, getContext: ContextGetter) => void): this;

    /** Feeds the next chunk; a token split across chunks is buffered until the next call. */
    write(xml: string): this;

    /** Finishes a chunked parse; returns the first error, if any. */
    end(): Error | null;
  }
}
