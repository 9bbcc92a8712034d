import type { Log } from '#shared/ports/log';

/** A log that keeps what was logged. */
export class MemoryLog implements Log {
  readonly lines: {
    level: string;
    message: string;
    attributes?: Record<string, unknown>;
  }[] = [];
  debug(message: string, attributes?: Record<string, unknown>): void {
    this.lines.push({
      level: 'debug',
      message,
      ...(attributes ? { attributes } : {}),
    });
  }
  info(message: string, attributes?: Record<string, unknown>): void {
    this.lines.push({
      level: 'info',
      message,
      ...(attributes ? { attributes } : {}),
    });
  }
  warn(message: string, attributes?: Record<string, unknown>): void {
    this.lines.push({
      level: 'warn',
      message,
      ...(attributes ? { attributes } : {}),
    });
  }
}
