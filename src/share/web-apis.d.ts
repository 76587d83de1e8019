// The share codec runs in the page, in workers and in Node, which all have these Web APIs;
// core's project sees no DOM, so it declares just the parts the codec uses. Only the core
// project includes this file (the page's project has the DOM's own declarations).
interface ByteStreamReader {
  read(): Promise<{ done: true; value?: undefined } | { done: false; value: Uint8Array }>;
  cancel(): Promise<void>;
}
interface ByteStreamWriter {
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
}
interface ByteTransformStream {
  readonly writable: { getWriter(): ByteStreamWriter };
  readonly readable: { getReader(): ByteStreamReader };
}
declare class CompressionStream implements ByteTransformStream {
  constructor(format: 'deflate' | 'deflate-raw' | 'gzip');
  readonly writable: { getWriter(): ByteStreamWriter };
  readonly readable: { getReader(): ByteStreamReader };
}
declare class DecompressionStream implements ByteTransformStream {
  constructor(format: 'deflate' | 'deflate-raw' | 'gzip');
  readonly writable: { getWriter(): ByteStreamWriter };
  readonly readable: { getReader(): ByteStreamReader };
}
declare class TextEncoder {
  encode(text: string): Uint8Array<ArrayBuffer>;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(bytes: Uint8Array): string;
}
declare function btoa(binary: string): string;
declare function atob(base64: string): string;
