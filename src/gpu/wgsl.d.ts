/** WGSL sources imported as text (Vite's `?raw`). */
declare module '*.wgsl?raw' {
  const source: string;
  export default source;
}
