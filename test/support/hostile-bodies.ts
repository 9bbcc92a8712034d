/**
 * Hostile SQS message bodies, as SQS carries them: a fixed list of the
 * shapes the request path bounds (refused characters, too many keys, deep
 * nesting, 1 MiB, text that is not JSON), and a deterministic sample of
 * generated ones. The soak sends them through a queue and the bench
 * measures the memory they cost.
 */
import fc from 'fast-check';
import {
  escapeInvalidCharacters,
  INVALID_AWS_CHARACTER,
} from '#shared/domain/aws-text';
import { serializeJson } from '#shared/domain/serialize-json';
import { readRestoreRequestBody } from '#shared/events/read-restore-request';
import { hostileRequestText } from './arbitraries/restore-request.js';

/** One hostile body: what it is, and its text. */
export interface HostileBody {
  readonly name: string;
  /** The message body, in the character set SQS accepts. */
  readonly text: string;
}

const EFS_RP =
  'arn:aws:backup:eu-west-1:111122223333:recovery-point:08259cdf-ed72-44ab-8893-340eaf465ac0';
const RDS = 'arn:aws:rds:eu-west-1:111122223333:db:orders-db';

// SQS takes a message of at most 1 MiB; the largest bodies stay a little
// below it.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html
const SQS_MAX_BYTES = 1_048_576;
const NEAR_1_MIB = 1_040_000;

/**
 * `text` as a producer must send it through SQS: every character SQS
 * refuses written as a `\uXXXX` escape, which inside JSON means the same
 * character (the relay still sees it, and refuses it).
 *
 * @example
 * ```ts
 * toSqsBody('{"a":"\uFFFE"}'); // '{"a":"\\ufffe"}'
 * ```
 */
export const toSqsBody = (text: string): string =>
  escapeInvalidCharacters(text);

/** The JSON text of `value` (no recursion: it may be nested deeply). */
const json = (value: unknown): string => toSqsBody(serializeJson(value));

/** `{"a":…}` nested `depth` levels around `1`, as text. */
const nestedText = (depth: number): string =>
  `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/** Metadata of `count` unknown keys `k0`, `k1`, … each set to 1. */
const unknownKeys = (count: number): Record<string, number> =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, 1]));

/**
 * The hostile bodies every soak sends, each one a request the relay must
 * reject and keep (refused before validation, or by validation, or as a
 * recovery point that does not exist).
 *
 * @example
 * ```ts
 * await rig.sendRawBodies(queueUrl, fixedHostileBodies().map((b) => b.text));
 * ```
 */
export const fixedHostileBodies = (): HostileBody[] => [
  {
    name: 'a field named "\\u0000"',
    text: json({
      '\u0000': 1,
      recoveryPointArn: EFS_RP,
      backupVaultName: 'prod-primary',
    }),
  },
  {
    name: 'an ARN ending in \\u0001',
    text: json({
      recoveryPointArn: `${EFS_RP}\u0001`,
      backupVaultName: 'prod-primary',
    }),
  },
  {
    name: 'a role name with \\u0007',
    text: json({ resourceArn: RDS, restoreRole: 'db\u0007' }),
  },
  {
    name: 'a lone surrogate in an ARN',
    text: json({
      recoveryPointArn: `${EFS_RP}\uD800`,
      backupVaultName: 'prod-primary',
    }),
  },
  {
    name: 'U+FFFE in a metadata value',
    text: json({
      recoveryPointArn: EFS_RP,
      backupVaultName: 'prod-primary',
      metadata: { CreationToken: 'a\uFFFEb' },
    }),
  },
  {
    name: '300 unknown metadata keys',
    text: json({
      recoveryPointArn: EFS_RP,
      backupVaultName: 'prod-primary',
      metadata: unknownKeys(300),
    }),
  },
  {
    name: '20,000 unknown metadata keys (~209 KB)',
    text: json({
      recoveryPointArn: EFS_RP,
      backupVaultName: 'prod-primary',
      metadata: unknownKeys(20_000),
    }),
  },
  {
    name: 'metadata nested 12,000 levels deep',
    text: `{"resourceArn":"${RDS}","metadata":{"DBName":${nestedText(12_000)}}}`,
  },
  {
    name: 'a body of ~1 MiB',
    text: `{"recoveryPointArn":"${EFS_RP}","pad":"${'x'.repeat(1_048_000)}"}`,
  },
  {
    name: 'an array of 340,000 objects (~1 MiB)',
    text: `{"resourceArn":"${RDS}","x":[${Array(340_000).fill('{}').join(',')}]}`,
  },
  {
    name: 'a resource ARN whose service is "constructor"',
    text: json({
      resourceArn: 'arn:aws:constructor:eu-west-1:111122223333:x/y',
    }),
  },
  { name: 'text that is not JSON', text: 'restore orders-db, please {' },
];

/**
 * The worst shapes in one body of nearly 1 MiB: a request whose metadata
 * nests 12,000 levels deep and holds as many unknown keys as fit (some
 * 80,000). Refused for its size before it is parsed; the rejection still
 * parses it once, to redact the copy subscribers see.
 *
 * @example
 * ```ts
 * Buffer.byteLength(worstHostileBody().text) < 1_048_576; // true
 * ```
 */
export const worstHostileBody = (): HostileBody => {
  const head = `{"recoveryPointArn":"${EFS_RP}","backupVaultName":"prod-primary","metadata":{"DBName":${nestedText(12_000)}`;
  const keys: string[] = [];
  let bytes = head.length + 2;
  while (bytes < NEAR_1_MIB) {
    const entry = `,"k${keys.length}":1`;
    keys.push(entry);
    bytes += entry.length;
  }
  return {
    name: `${keys.length.toLocaleString('en')} unknown metadata keys and 12,000 levels (~1 MiB)`,
    text: `${head}${keys.join('')}}}`,
  };
};

/** A dry run plans and starts nothing by design: it is not hostile. */
const isDryRun = (text: string): boolean => {
  const reading = readRestoreRequestBody(text);
  return reading.ok && reading.request.dryRun === true;
};

/**
 * `count` generated hostile bodies ({@link hostileRequestText}), the same
 * for the same `seed`: escaped for SQS ({@link toSqsBody}), never empty
 * (SQS refuses an empty body) and never a valid dry run.
 *
 * @example
 * ```ts
 * generatedHostileBodies(7, 20); // the same 20 bodies on every run
 * ```
 */
export const generatedHostileBodies = (
  seed: number,
  count: number
): HostileBody[] => {
  if (count <= 0) {
    return [];
  }
  const texts = fc
    .sample(hostileRequestText(), { seed, numRuns: 2 * count + 20 })
    .map(toSqsBody)
    .filter(
      (t) =>
        t.length > 0 &&
        Buffer.byteLength(t, 'utf8') <= SQS_MAX_BYTES &&
        !INVALID_AWS_CHARACTER.test(t) &&
        !isDryRun(t)
    )
    .slice(0, count);
  if (texts.length < count) {
    throw new Error(`only ${texts.length} of ${count} hostile bodies sendable`);
  }
  return texts.map((text, i) => ({
    name: `generated #${i} (${Buffer.byteLength(text, 'utf8')} bytes)`,
    text,
  }));
};
