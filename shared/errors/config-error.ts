import { AppError } from './app-error.js';

/**
 * The deployment's configuration (environment) is invalid. Raised once, at cold start.
 */
export class ConfigError extends AppError {
  readonly code = 'ConfigInvalid';
  readonly retryable = false;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ConfigError';
  }
}
