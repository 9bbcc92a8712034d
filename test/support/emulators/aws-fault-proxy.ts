import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { backupRoute } from './backup/backup-routes.js';
import { newRequestId, readCappedBody } from './http-io.js';
import { closeServer } from './server-lifecycle.js';

/**
 * A wire-level proxy in front of one local AWS endpoint (DynamoDB Local or
 * one of the emulators). It counts every call the SDK makes, by operation,
 * and injects faults the way the real service would show them, so that the
 * soak and the benchmarks see every AWS call, DynamoDB's included, without
 * touching the code under test.
 *
 * Faults:
 * - `throttle`: the service's throttling error, in its protocol (the SDK
 *   classifies it as throttling and retries with its longer backoff);
 * - `server-error`: a 500 in the service's protocol (transient, retried);
 * - `latency`: the call goes through after `ms`;
 * - `reset`: the connection is destroyed before the call reaches the
 *   service (the SDK sees `ECONNRESET` and retries);
 * - `reset-after-effect`: the call is performed, then the connection is
 *   destroyed before the answer arrives: the side effect happened but the
 *   caller never heard, the case idempotency tokens exist for.
 */
export type ProxyFault =
  | { kind: 'throttle' }
  | { kind: 'server-error' }
  | { kind: 'latency'; ms: number }
  | { kind: 'reset' }
  | { kind: 'reset-after-effect' };

/** The wire protocols of the services restore-relay calls. */
export type AwsProtocol = 'aws-json' | 'rest-json' | 'query';

/** One call through the proxy. */
export interface ProxiedCall {
  /** The proxy's name for the service, e.g. `dynamodb`. */
  readonly service: string;
  /** Whose proxy it is (e.g. which execution environment), if told. */
  readonly tag?: string;
  /** The operation, e.g. `PutItem`, `StartRestoreJob`, `Publish`. */
  readonly operation: string;
  /** The fault injected into this call, if any. */
  readonly fault?: ProxyFault['kind'];
}

/** Decides the fault of one call; `undefined` passes it through. */
export type FaultPicker = (call: {
  service: string;
  operation: string;
  tag?: string;
}) => ProxyFault | undefined;

/** Options for {@link startFaultProxy}. */
export interface FaultProxyOptions {
  /** The proxy's name for the service, recorded with every call. */
  readonly service: string;
  /** Where calls go, e.g. `http://127.0.0.1:8000`. */
  readonly upstream: string;
  readonly protocol: AwsProtocol;
  /** Recorded with every call and given to the fault picker. */
  readonly tag?: string | undefined;
  /** Default: no faults. */
  readonly faults?: FaultPicker | undefined;
}

/** A running proxy. */
export interface FaultProxy {
  /** Point the SDK here instead of the upstream. */
  readonly url: string;
  /** Every call so far, in arrival order. */
  readonly calls: readonly ProxiedCall[];
  /** Replaces the fault picker (`undefined`: no faults). */
  setFaults(picker: FaultPicker | undefined): void;
  /** Forgets the recorded calls. */
  clearCalls(): void;
  close(): Promise<void>;
}

const operationOf = (
  protocol: AwsProtocol,
  req: IncomingMessage,
  body: Buffer
): string => {
  if (protocol === 'aws-json') {
    // `X-Amz-Target: DynamoDB_20120810.PutItem`, `AmazonSQS.SendMessage`.
    const target = String(req.headers['x-amz-target'] ?? '');
    return target.slice(target.lastIndexOf('.') + 1) || 'Unknown';
  }
  if (protocol === 'query') {
    return (
      new URLSearchParams(body.toString('utf8')).get('Action') ?? 'Unknown'
    );
  }
  // REST-JSON: only AWS Backup, routed as its emulator routes it.
  const path = new URL(req.url ?? '/', 'http://proxy').pathname;
  try {
    return backupRoute(req.method ?? 'GET', path)?.operation ?? 'Unknown';
  } catch {
    return 'Unknown'; // malformed percent-encoding
  }
};

interface ErrorReply {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/**
 * The error as each protocol carries it. Throttling codes are ones the SDK
 * classifies as throttling (`THROTTLING_ERROR_CODES` in
 * `@smithy/service-error-classification`): DynamoDB's
 * `ProvisionedThroughputExceededException`, `ThrottlingException`, and SNS's
 * `Throttled` (HTTP 429). 500s are transient whatever their code.
 */
const errorReply = (
  protocol: AwsProtocol,
  service: string,
  kind: 'throttle' | 'server-error'
): ErrorReply => {
  const requestId = newRequestId();
  const throttle = kind === 'throttle';
  if (protocol === 'query') {
    const code = throttle ? 'Throttled' : 'InternalError';
    return {
      status: throttle ? 429 : 500,
      headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
      body: `<ErrorResponse><Error><Type>${throttle ? 'Sender' : 'Receiver'}</Type><Code>${code}</Code><Message>injected ${kind}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
    };
  }
  const code = throttle
    ? service === 'dynamodb'
      ? 'ProvisionedThroughputExceededException'
      : 'ThrottlingException'
    : 'InternalFailure';
  const status = throttle ? 400 : 500;
  if (protocol === 'aws-json') {
    return {
      status,
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amzn-requestid': requestId,
      },
      body: JSON.stringify({ __type: code, message: `injected ${kind}` }),
    };
  }
  return {
    status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-errortype': code,
      'x-amzn-requestid': requestId,
    },
    body: JSON.stringify({ message: `injected ${kind}` }),
  };
};

// The proxy must never be the limit: the services behind it refuse what
// AWS refuses. A 1 MiB SQS message sent with the JSON protocol is larger
// than 1 MiB once escaped; the SQS emulator reads up to 8 MiB.
const MAX_PROXIED_BYTES = 8 * 1_048_576;

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/** Forwards one request and collects the whole answer. */
const forward = (
  upstream: URL,
  req: IncomingMessage,
  body: Buffer
): Promise<{
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
}> =>
  new Promise((resolve, reject) => {
    const out = httpRequest(
      {
        hostname: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 502,
            headers: res.headers,
            body: Buffer.concat(chunks),
          })
        );
        res.on('error', reject);
      }
    );
    out.on('error', reject);
    out.end(body);
  });

/**
 * Starts a proxy on a free local port.
 *
 * @example
 * ```ts
 * const proxy = await startFaultProxy({
 *   service: 'dynamodb', upstream: local.dynamodb.endpoint, protocol: 'aws-json',
 * });
 * process.env.AWS_ENDPOINT_URL_DYNAMODB = proxy.url;
 * // … run a handler …
 * proxy.calls.filter((c) => c.operation === 'PutItem').length;
 * ```
 */
export const startFaultProxy = async (
  options: FaultProxyOptions
): Promise<FaultProxy> => {
  const upstream = new URL(options.upstream);
  const calls: ProxiedCall[] = [];
  let picker = options.faults;

  const handle = async (
    req: IncomingMessage,
    res: ServerResponse
  ): Promise<void> => {
    const body = await readCappedBody(req, MAX_PROXIED_BYTES);
    if (body === undefined) {
      res.writeHead(413).end();
      return;
    }
    const operation = operationOf(options.protocol, req, body);
    const who = {
      service: options.service,
      operation,
      ...(options.tag === undefined ? {} : { tag: options.tag }),
    };
    const fault = picker?.(who);
    calls.push({
      ...who,
      ...(fault === undefined ? {} : { fault: fault.kind }),
    });
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'throttle' || fault?.kind === 'server-error') {
      const reply = errorReply(options.protocol, options.service, fault.kind);
      res.writeHead(reply.status, reply.headers).end(reply.body);
      return;
    }
    if (fault?.kind === 'latency') {
      await sleep(fault.ms);
    }
    const answer = await forward(upstream, req, body);
    if (fault?.kind === 'reset-after-effect') {
      req.socket.destroy();
      return;
    }
    const headers = { ...answer.headers };
    delete headers['transfer-encoding'];
    headers['content-length'] = String(answer.body.length);
    res.writeHead(answer.status, headers).end(answer.body);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      // The upstream is gone (a test stopping): answer like a dead host.
      // `res.destroy` also copes with a socket that is already gone.
      res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    setFaults: (next) => {
      picker = next;
    },
    clearCalls: () => {
      calls.length = 0;
    },
    close: () => closeServer(server),
  };
};
