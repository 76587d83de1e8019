// core/ sees no DOM or Node types, but timers and the high-resolution clock exist in every
// runtime it runs in (window, workers, Node). Only the core project includes this file.
declare function setTimeout(callback: () => void, ms?: number): unknown;
declare function clearTimeout(id: unknown): void;
declare const performance: { readonly timeOrigin: number; now(): number };
