/**
 * An error meant for the user: `message` is Chinese and shown as is; `logMessage`
 * (English) goes to logs. Anything else thrown by a handler is an internal error.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly userMessage: string,
    logMessage?: string,
    readonly details?: unknown,
  ) {
    super(logMessage ?? userMessage);
    this.name = 'AppError';
  }
}
