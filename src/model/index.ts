export type * from './http';
export type * from './violation';
export type * from './scenario';
export type * from './operation';
export type * from './result';
export type * from './schema';
export type * from './check';
export type * from './history';
