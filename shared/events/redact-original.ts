import { serializeJson } from '../domain/serialize-json.js';
import { parseJson } from '../restore-metadata/json-text.js';
import { MAX_REQUEST_BYTES } from './restore-request.js';

/** What stands for a value restore-relay does not repeat. */
export const REDACTED = '[redacted]';

/** What a rejection notification says of a request over the size limit. */
export const TOO_LARGE_ORIGINAL = `[over ${MAX_REQUEST_BYTES} bytes: kept as received in the dead-letter queue only]`;

/** What a rejection notification says of a request that is not JSON. */
export const NOT_JSON_ORIGINAL =
  '[not JSON: kept as received in the dead-letter queue only]';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A rejected request as subscribers may see it: every value under a
 * `metadata` key, at any depth, and every `taskToken` replaced by
 * {@link REDACTED} (the keys stay, so the reader sees what was asked).
 * AWS marks restore metadata sensitive (passwords such as RDS
 * `TdeCredentialPassword`, EC2 `UserData`), and a task token lets its
 * holder answer a workflow. Text that is not JSON cannot be told apart and
 * is not repeated at all, nor is a request over the size limit. The raw request is kept only in the encrypted
 * dead-letter queue.
 *
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/API_StartRestoreJob.html
 * @example
 * ```ts
 * redactOriginal('{"metadata":{"UserData":"IyEv"}}'); // '{"metadata":{"UserData":"[redacted]"}}'
 * ```
 */
export const redactOriginal = (original: string): string => {
  // A request over the size limit was refused before it was parsed; parsing
  // it here, only to repeat its first 64 KiB, would cost the memory the
  // limit saves (a 1 MiB body of 89,000 keys: ~150 MB).
  if (Buffer.byteLength(original, 'utf8') > MAX_REQUEST_BYTES) {
    return TOO_LARGE_ORIGINAL;
  }
  const json = parseJson(original);
  if (!json.ok) {
    return NOT_JSON_ORIGINAL;
  }
  // An explicit stack: the request may be nested thousands of levels deep.
  const pending: unknown[] = [json.parsed];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (Array.isArray(node)) {
      // One push per item: spreading an array of some 100,000 items (a
      // refused body may hold 1 MiB of `{},`) as arguments overflows the
      // stack, and a rejection that throws is retried in vain.
      for (const item of node) {
        if (typeof item === 'object') {
          pending.push(item);
        }
      }
      continue;
    }
    if (!isObject(node)) {
      continue;
    }
    for (const [key, value] of Object.entries(node)) {
      const name = key.toLowerCase();
      if (name === 'metadata' && isObject(value)) {
        for (const k of Object.keys(value)) {
          value[k] = REDACTED;
        }
      } else if (name === 'tasktoken' && typeof value === 'string') {
        node[key] = REDACTED;
      } else if (typeof value === 'object' && value !== null) {
        pending.push(value);
      }
    }
  }
  return serializeJson(json.parsed);
};
