import type { IdentifierKind } from '../../../host/HostAdapter';

/** Which directory identifier the login name the host reports is matched against. */
export type LoginMatch = IdentifierKind | 'id';

/** A single sign-on provider: where to send the browser, and who came back. */
export interface SsoProvider {
  /** `oidc` or `cas`: the path segment of `/sso/<name>`. */
  readonly name: string;
  /** The identifier kind the reported login is matched against (absent: id, then every kind). */
  readonly match?: LoginMatch;
  /** The address to send the browser to, and what `finish` needs back (kept in a signed cookie). */
  begin(callbackUrl: string): Promise<{ url: string; state: Record<string, string> }>;
  /** Check the callback request with the host; the login name it vouches for. Throws SsoError when refused. */
  finish(callbackUrl: string, currentUrl: URL, state: Record<string, string>): Promise<{ login: string }>;
  /** Where to send the browser to sign out at the host too, if it offers that. */
  logoutUrl?(returnTo: string): Promise<string | undefined>;
}

/** A sign-in the host or the check refused; `message` is shown to the person. */
export class SsoError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SsoError';
  }
}
