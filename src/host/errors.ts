/** A call to the host failed (down, timed out, refused, answered an error); the outbox retries it later. */
export class HostCallError extends Error {
  /** The HTTP status the host answered, when it answered. */
  readonly status?: number;

  constructor(message: string, options: { cause?: unknown; status?: number } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HostCallError';
    this.status = options.status;
  }
}

/** A host setting is missing or wrong; the message says which, in Chinese. */
export class HostConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`宿主接入配置有误：\n- ${problems.join('\n- ')}`);
    this.name = 'HostConfigError';
  }
}
