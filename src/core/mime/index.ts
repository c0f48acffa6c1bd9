// The MIME reader's public surface: parse a raw message, then read headers, bodies and reports.
export * from './headers';
export * from './html';
export * from './message';
export * from './parse';
export { decodeCharset } from './charsets';
