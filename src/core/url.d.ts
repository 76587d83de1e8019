// core/ sees no DOM or Node types, but the WHATWG URL classes exist in every runtime it
// runs in (window, workers, Node): the parts core uses. Only the core project includes this.
declare class URL {
  constructor(url: string, base?: string);
  readonly origin: string;
  readonly protocol: string;
  readonly username: string;
  readonly password: string;
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
}
declare class URLSearchParams {
  constructor(init?: string);
  has(name: string): boolean;
  getAll(name: string): string[];
}
