export type Params = Record<string, string | number | undefined>;
export type Catalogue = Record<string, (params: Params) => string>;
