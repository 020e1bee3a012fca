/**
 * The addresses Duban gives the host: every to-do and notification URL goes through the sign-in entry
 * (`/sso/<provider>?target=…`) when single sign-on is configured, so a click in the OA lands on the page,
 * signed in. Hosts' redirect URIs cannot carry hash routes, hence a server route in front of them.
 */
export class Links {
  readonly #base: string;
  readonly #sso?: string;

  /** `publicUrl`: how people reach Duban (absolute URLs when set); `sso`: the sign-in provider's name. */
  constructor(options: { publicUrl?: string; sso?: string } = {}) {
    this.#base = (options.publicUrl ?? '').replace(/\/+$/, '');
    this.#sso = options.sso;
  }

  /** The public base URL ('' when not configured). */
  get base(): string {
    return this.#base;
  }

  /** The entry URL of a page (`/tasks/…`), through single sign-on when configured. */
  entry(target: string, view?: 'mobile'): string {
    const t = safeTarget(target) ?? '/workbench';
    if (this.#sso) return `${this.#base}/sso/${this.#sso}?target=${encodeURIComponent(t)}${view ? `&view=${view}` : ''}`;
    return `${this.#base}/#${t}`;
  }

  /** A link written as `/#/route` (notifications) turned into its entry URL. */
  fromHash(url: string | undefined): string | undefined {
    if (!url) return url;
    const m = /^\/#(\/.*)$/.exec(url);
    return m ? this.entry(m[1]) : url;
  }
}

/**
 * A target page the sign-in may return to: a hash route of the web app (`/tasks/x?tab=y`), never another
 * site (`//evil`, `https:`, backslashes); null when unsafe.
 */
export function safeTarget(target: unknown): string | null {
  if (typeof target !== 'string' || target.length > 500) return null;
  if (!/^\/[A-Za-z0-9\-._~%!$&'()*+,;=:@/?]*$/.test(target)) return null;
  if (target.startsWith('//') || target.includes('\\')) return null;
  return target;
}
