import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver';

function describe(e: unknown): string {
  return e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e);
}

/**
 * Wraps a request handler: an exception is logged to the client's console and answered with an InternalError
 * response instead of escaping (the server stays up); a ResponseError thrown on purpose passes through.
 */
export function guardRequest<P, R, T>(connection: Connection, method: string, handler: (params: P, token: T) => R | Promise<R>) {
  return async (params: P, token: T): Promise<R> => {
    try {
      return await handler(params, token);
    } catch (e) {
      if (e instanceof ResponseError) throw e;
      connection.console.error(`${method} failed: ${describe(e)}`);
      throw new ResponseError(ErrorCodes.InternalError, `${method} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
}

/** Wraps a notification or event handler: an exception (sync or async) is logged, never thrown. */
export function guardNotification<P>(connection: Connection, method: string, handler: (params: P) => unknown) {
  return (params: P): void => {
    try {
      const r = handler(params);
      if (r instanceof Promise) r.catch((e) => connection.console.error(`${method} failed: ${describe(e)}`));
    } catch (e) {
      connection.console.error(`${method} failed: ${describe(e)}`);
    }
  };
}

/** Logs exceptions nothing else caught instead of letting them end the process. */
export function logUncaught(connection: Connection): void {
  const log = (what: string, e: unknown) => {
    try {
      connection.console.error(`${what}: ${describe(e)}`);
    } catch {
      // the connection is gone; nothing left to tell
    }
  };
  process.on('uncaughtException', (e) => log('Uncaught exception', e));
  process.on('unhandledRejection', (e) => log('Unhandled rejection', e));
}
