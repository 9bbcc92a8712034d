import fc from 'fast-check';
import { INVALID_AWS_CHARACTER } from '#shared/domain/aws-text';
import type { JsonObject, JsonValue } from '#shared/domain/json';
import { RESOURCE_TYPES } from '#shared/domain/resource-type';
import { serializeJson } from '#shared/domain/serialize-json';
import { METADATA_BUILDERS } from '#shared/restore-metadata/builders';
import { FIXTURES } from '#test/fixtures/restore-metadata/all';
import {
  anyJsValue,
  anyText,
  awsText,
  deeplyNested,
  deeplyNestedText,
  hugeText,
  jsonValue,
  objectOf,
  ownEntries,
  PROTOTYPE_KEYS,
} from './json-values.js';

/** A restore request body as a caller writes it, before parsing. */
export type RequestBody = Record<string, unknown>;

/** The top-level fields of the request contract (restore-request.ts). */
const REQUEST_FIELDS = [
  'schemaVersion',
  'requestId',
  'recoveryPointArn',
  'backupVaultName',
  'resourceArn',
  'selection',
  'resourceType',
  'metadata',
  'restoreRole',
  'copySourceTags',
  'dryRun',
  'context',
  'taskToken',
] as const;

/** Real ARNs of the shapes AWS Backup uses, from the test fixtures. */
const FIXTURE_ARNS = [
  ...new Set(
    Object.values(FIXTURES).flatMap((f) =>
      [f.recoveryPoint.recoveryPointArn, f.recoveryPoint.resourceArn].filter(
        (a): a is string => a !== undefined
      )
    )
  ),
];

/** Text without the line terminators `.` in the ARN pattern refuses. */
const arnResourceText = awsText(60).filter(
  (s) => s !== '' && !/[\n\r\u2028\u2029]/.test(s)
);

/**
 * An ARN the contract accepts: a real fixture ARN, or any partition,
 * service, Region, account and resource text that fits
 * `arn:aws[a-z-]*:<service>:<region>:<account>:<resource>`.
 *
 * @example
 * ```ts
 * fc.sample(arn(), 1); // e.g. ['arn:aws:dynamodb:eu-west-1:111122223333:table/orders']
 * ```
 */
export const arn = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(...FIXTURE_ARNS),
    fc
      .tuple(
        fc.constantFrom('aws', 'aws-cn', 'aws-us-gov', 'aws-iso-b'),
        fc.stringMatching(/^[a-z0-9-]{1,20}$/),
        fc.constantFrom('', 'eu-west-1', 'us-east-1', 'ap-southeast-2'),
        fc.stringMatching(/^\d{0,12}$/),
        arnResourceText
      )
      .map((parts) => `arn:${parts.join(':')}`)
  );

/**
 * A vault name the Backup model accepts (2–50 of `A-Z a-z 0-9 _ -`), the
 * test policy's among them.
 *
 * @example
 * ```ts
 * fc.sample(vaultName(), 1); // e.g. ['prod-primary']
 * ```
 */
export const vaultName = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom('prod-primary', 'archive-vault', 'Default'),
    fc.stringMatching(/^[a-zA-Z0-9_-]{2,50}$/)
  );

/**
 * Every way the contract lets a caller name a resource type: canonical names
 * and aliases, in any letter case, with `-` or `_` for spaces.
 *
 * @example
 * ```ts
 * fc.sample(resourceTypeName(), 2); // e.g. ['storage_GATEWAY', 'efs']
 * ```
 */
export const resourceTypeName = (): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.mixedCase(
        fc.constantFrom(
          ...RESOURCE_TYPES,
          'efs',
          'ddb',
          'dynamo',
          'docdb',
          'sgw',
          'vm',
          'vmware',
          'cfn',
          'saphana'
        )
      ),
      fc.constantFrom(' ', '-', '_')
    )
    .map(([name, space]) => name.replaceAll(' ', space));

/**
 * A whole second between 2000 and 2099, so that any offset keeps 4 year
 * digits and writing it without milliseconds loses nothing.
 */
const instant = fc
  .integer({
    min: Date.parse('2000-01-02T00:00:00Z') / 1000,
    max: Date.parse('2099-12-30T00:00:00Z') / 1000,
  })
  .map((seconds) => new Date(seconds * 1000));

/**
 * `instant` written as ISO 8601 in the zone `offsetMinutes` east of UTC,
 * with or without milliseconds: `2026-03-01T05:15:00+01:00`.
 *
 * @example
 * ```ts
 * isoAt(new Date('2026-03-01T04:15:00Z'), 60, false); // '2026-03-01T05:15:00+01:00'
 * ```
 */
export const isoAt = (
  at: Date,
  offsetMinutes: number,
  millis: boolean
): string => {
  const local = new Date(at.getTime() + offsetMinutes * 60_000).toISOString();
  const clock = millis ? local.slice(0, 23) : local.slice(0, 19);
  if (offsetMinutes === 0) {
    return `${clock}Z`;
  }
  const sign = offsetMinutes > 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${clock}${sign}${hh}:${mm}`;
};

const offsetMinutes = fc.oneof(
  fc.constant(0),
  fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 })
);

/**
 * An ISO 8601 date-time with a time zone (`Z` or an offset), with or
 * without milliseconds, as the contract accepts for `selection`.
 *
 * @example
 * ```ts
 * fc.sample(isoDateTime(), 1); // e.g. ['2031-07-04T23:10:05-05:30']
 * ```
 */
export const isoDateTime = (): fc.Arbitrary<string> =>
  fc
    .tuple(instant, offsetMinutes, fc.boolean())
    .map(([at, offset, millis]) => isoAt(at, offset, millis));

const selection = (): fc.Arbitrary<JsonObject> =>
  fc
    .record(
      {
        strategy: fc.constant('latest'),
        before: instant,
        after: instant,
        vaults: fc.array(vaultName(), { minLength: 1, maxLength: 20 }),
        beforeOffset: offsetMinutes,
        afterOffset: offsetMinutes,
      },
      { requiredKeys: ['beforeOffset', 'afterOffset'] }
    )
    .map(({ before, after, beforeOffset, afterOffset, ...rest }) => {
      const [early, late] =
        before !== undefined && after !== undefined && after > before
          ? [before, after]
          : [after, before];
      const ordered = early?.getTime() !== late?.getTime();
      return ownEntries<JsonValue>([
        ...Object.entries(rest),
        ...(late === undefined
          ? []
          : [['before', isoAt(late, beforeOffset, false)] as const]),
        ...(early === undefined || !ordered
          ? []
          : [['after', isoAt(early, afterOffset, true)] as const]),
      ]);
    });

/**
 * Metadata keys a request may carry: every builder's documented keys, their
 * case variants, and random text of 1–256 characters. Never `__proto__`,
 * which the contract refuses (see the near-valid mutations).
 *
 * @example
 * ```ts
 * fc.sample(metadataKey(), 2); // e.g. ['ItemsToRestore', 'é$']
 * ```
 */
export const metadataKey = (): fc.Arbitrary<string> =>
  fc
    .oneof(
      fc.mixedCase(
        fc.constantFrom(
          ...new Set(
            Object.values(METADATA_BUILDERS).flatMap((b) => b.documentedKeys)
          )
        )
      ),
      awsText(20)
    )
    .filter((k) => k.length >= 1 && k.length <= 256 && k !== '__proto__');

/** Object keys for JSON values inside a valid request. */
const safeKey = awsText(12).filter((k) => k !== '__proto__');

/** A metadata override value inside a valid request: any JSON. */
const overrideValue = (): fc.Arbitrary<JsonValue> =>
  jsonValue({ key: safeKey, text: awsText(), maxDepth: 2 });

const metadata = (): fc.Arbitrary<JsonObject> =>
  fc.oneof(
    fc.constantFrom(...Object.values(FIXTURES).map((f) => f.overrides)),
    objectOf(metadataKey(), overrideValue(), 5)
  ) as fc.Arbitrary<JsonObject>;

const context = (): fc.Arbitrary<JsonObject> =>
  objectOf(
    safeKey,
    jsonValue({ key: safeKey, text: awsText(), maxDepth: 2 })
  ).filter((c) => Buffer.byteLength(JSON.stringify(c)) <= 4096);

// The derived keys' prefixes are reserved.
const requestId = (): fc.Arbitrary<string> =>
  fc
    .stringMatching(/^[A-Za-z0-9._:-]{1,128}$/)
    .filter((id) => !/^(auto|alarm|plan)-/i.test(id));

const restoreRole = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(
      'default',
      'databases',
      'arn:aws:iam::111122223333:role/restore-default'
    ),
    fc.stringMatching(/^[\w+=,.@-]{1,64}$/)
  );

const taskToken = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc
      .string({ minLength: 1, maxLength: 200 })
      .filter((t) => !INVALID_AWS_CHARACTER.test(t)),
    fc.constant('t'.repeat(2048))
  );

/** Where the request points: an explicit recovery point, or a resource. */
const target = (): fc.Arbitrary<JsonObject> =>
  fc.oneof(
    fc.record({ recoveryPointArn: arn(), backupVaultName: vaultName() }),
    fc.record(
      { resourceArn: arn(), selection: selection() },
      { requiredKeys: ['resourceArn'] }
    )
  );

/**
 * A restore request body the contract accepts, as a caller writes it
 * (aliases, offsets, any optional field present or not).
 *
 * @example
 * ```ts
 * fc.assert(fc.property(validRequestBody(), (b) => { parseRestoreRequest(b); }));
 * ```
 */
export const validRequestBody = (): fc.Arbitrary<RequestBody> =>
  fc
    .tuple(
      target(),
      fc.record(
        {
          schemaVersion: fc.constant('1'),
          requestId: requestId(),
          resourceType: resourceTypeName(),
          metadata: metadata(),
          restoreRole: restoreRole(),
          copySourceTags: fc.boolean(),
          dryRun: fc.boolean(),
          context: context(),
          taskToken: taskToken(),
        },
        { requiredKeys: [] }
      )
    )
    .map(([where, optional]) => ({ ...where, ...optional }));

/** One change that may make a valid body invalid. */
type Mutation = (body: RequestBody) => RequestBody;

const field = fc.constantFrom(...REQUEST_FIELDS);

/** A value of the wrong type, size or shape for any field. */
const junkValue = (): fc.Arbitrary<unknown> =>
  fc.oneof(jsonValue({ maxDepth: 2 }), hugeText(), anyText(), anyJsValue());

const withField = (body: RequestBody, key: string, value: unknown) =>
  ownEntries([
    ...Object.entries(body).filter(([k]) => k !== key),
    [key, value],
  ]);

/** A junk entry under `__proto__` or another prototype key. */
const prototypeEntry = fc.tuple(
  fc.constantFrom(...PROTOTYPE_KEYS),
  junkValue()
);

const mutation = (): fc.Arbitrary<Mutation> =>
  fc.oneof(
    field.map(
      (f): Mutation =>
        (b) =>
          ownEntries(Object.entries(b).filter(([k]) => k !== f))
    ),
    fc
      .tuple(
        fc.oneof(
          fc.constantFrom(
            'recoveryPointARN',
            'IamRoleArn',
            'iamRoleArn',
            'ResourceType',
            'requestID',
            'metaData',
            '',
            ' ',
            ...PROTOTYPE_KEYS
          ),
          anyText(20)
        ),
        junkValue()
      )
      .map(
        ([k, v]): Mutation =>
          (b) =>
            withField(b, k, v)
      ),
    fc.tuple(field, junkValue()).map(
      ([f, v]): Mutation =>
        (b) =>
          withField(b, f, v)
    ),
    fc
      .tuple(
        fc.constantFrom('metadata', 'context', 'selection'),
        prototypeEntry
      )
      .map(
        ([f, entry]): Mutation =>
          (b) => {
            const inner = b[f];
            const base =
              typeof inner === 'object' &&
              inner !== null &&
              !Array.isArray(inner)
                ? Object.entries(inner)
                : [];
            return withField(b, f, ownEntries([...base, entry]));
          }
      ),
    fc
      .tuple(
        fc.constantFrom('metadata', 'context'),
        metadataKey(),
        prototypeEntry
      )
      .map(
        ([f, k, entry]): Mutation =>
          (b) =>
            withField(b, f, ownEntries([[k, ownEntries([entry])]]))
      ),
    fc
      .tuple(
        fc.constantFrom('metadata', 'context'),
        metadataKey(),
        deeplyNested()
      )
      .map(
        ([f, k, v]): Mutation =>
          (b) =>
            withField(b, f, { [k]: v })
      ),
    fc.tuple(arn(), vaultName()).map(
      ([a, v]): Mutation =>
        (b) =>
          ownEntries([
            ...Object.entries(b),
            ['recoveryPointArn', a],
            ['backupVaultName', v],
            ['resourceArn', a],
          ])
    ),
    fc
      .tuple(
        isoDateTime(),
        fc.constantFrom('oldest', 'LATEST', ''),
        vaultName()
      )
      .map(
        ([at, strategy, vault]): Mutation =>
          (b) =>
            withField(b, 'selection', {
              strategy,
              before: at,
              after: at,
              vaults: Array.from({ length: 21 }, () => vault),
            })
      )
  );

/**
 * A request body near the contract: a valid body with one to three
 * mutations (a field dropped, an unknown or misspelt field added, a value
 * of the wrong type, a huge or Unicode string, prototype keys and nested
 * junk inside `metadata`, `context` or `selection`, thousands of nested
 * brackets, contradictory fields). Most are invalid; a few stay valid.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(nearValidRequestBody(), (b) => { readRestoreRequest(b); }));
 * ```
 */
export const nearValidRequestBody = (): fc.Arbitrary<RequestBody> =>
  fc
    .tuple(
      validRequestBody(),
      fc.array(mutation(), { minLength: 1, maxLength: 3 })
    )
    .map(([body, mutations]) => mutations.reduce((b, m) => m(b), body));

/**
 * `value` with the keys of every object, at every depth, in another order
 * (reversed, or rotated by `shift`). Own `__proto__` keys stay own keys.
 *
 * @example
 * ```ts
 * reorderKeys({ b: 1, a: { d: 2, c: 3 } }, 0); // { a: { c: 3, d: 2 }, b: 1 }
 * ```
 */
export const reorderKeys = (value: unknown, shift: number): unknown => {
  if (Array.isArray(value)) {
    return value.map((item) => reorderKeys(item, shift));
  }
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  const entries = Object.entries(value).map(
    ([k, v]) => [k, reorderKeys(v, shift)] as const
  );
  const n = entries.length;
  const turned =
    shift === 0 || n === 0
      ? entries.reverse()
      : [...entries.slice(shift % n), ...entries.slice(0, shift % n)];
  return ownEntries(turned);
};

/**
 * Text near the JSON of a request: valid, cut short, nested thousands of
 * levels deep inside `metadata` or `context`, or not JSON at all.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(requestBodyText(), (t) => { readRestoreRequestBody(t); }));
 * ```
 */
export const requestBodyText = (): fc.Arbitrary<string> =>
  fc.oneof(
    validRequestBody().map((b) => JSON.stringify(b)),
    fc.tuple(validRequestBody(), fc.nat()).map(([b, cut]) => {
      const text = JSON.stringify(b);
      return text.slice(0, cut % (text.length + 1));
    }),
    fc
      .tuple(
        validRequestBody(),
        fc.constantFrom('metadata', 'context'),
        deeplyNestedText()
      )
      .map(
        ([b, f, nested]) =>
          `{"resourceArn":${JSON.stringify(b.resourceArn ?? b.recoveryPointArn)},"${f}":{"k":${nested}}}`
      ),
    fc.json({ maxDepth: 3 }),
    anyText(200)
  );

/** `value`'s JSON text, or `undefined` for what JSON cannot hold (BigInt). */
const jsonTextOf = (value: unknown): string | undefined => {
  try {
    return serializeJson(value);
  } catch {
    return undefined;
  }
};

/**
 * Any text a hostile or careless producer may put in a message body: near
 * the request JSON ({@link requestBodyText}), a near-valid request as JSON
 * ({@link nearValidRequestBody}), any text, thousands of nested brackets,
 * or a long run of one grapheme. It may hold characters SQS refuses; a
 * sender escapes them first.
 *
 * @example
 * ```ts
 * fc.sample(hostileRequestText(), { seed: 7, numRuns: 20 }); // the same 20 texts for seed 7
 * ```
 */
export const hostileRequestText = (): fc.Arbitrary<string> =>
  fc.oneof(
    requestBodyText(),
    nearValidRequestBody()
      .map(jsonTextOf)
      .filter((t): t is string => t !== undefined),
    anyText(200),
    deeplyNestedText(),
    hugeText()
  );
