/**
 * Starting and stopping an emulator's `node:http` server.
 *
 * @see docs/development.md#emulator-discipline
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Starts listening and resolves the base URL (`http://host:port`).
 *
 * @example
 * ```ts
 * const url = await listen(server, '127.0.0.1', 0);
 * ```
 */
export const listen = (
  server: Server,
  host: string,
  port: number
): Promise<string> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      resolve(`http://${host}:${address.port}`);
    });
  });

/**
 * Closes a server and every open connection, including SDK keep-alive
 * sockets and requests held by a hang fault.
 *
 * @example
 * ```ts
 * await closeServer(server);
 * ```
 */
export const closeServer = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
    server.closeAllConnections();
  });
