/**
 * The logger a use case writes to (the Powertools Logger in functions).
 * Static messages, structured attributes; never metadata values. The rest
 * parameter matches the Powertools Logger's signature, so it is a `Log`.
 */
export interface Log {
  debug(message: string, ...attributes: Record<string, unknown>[]): void;
  info(message: string, ...attributes: Record<string, unknown>[]): void;
  warn(message: string, ...attributes: Record<string, unknown>[]): void;
}
