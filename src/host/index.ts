/** The host contract and the adapters Duban ships with. */
export type * from './HostAdapter';
export { EmbeddedHost } from './EmbeddedHost';
export type { EmbeddedHostOptions, EmbeddedInbox } from './EmbeddedHost';
export { SessionTokens } from './token';
export { HttpHost } from './HttpHost';
export type { HttpHostOptions } from './HttpHost';
export { HostCallError, HostConfigError } from './errors';
