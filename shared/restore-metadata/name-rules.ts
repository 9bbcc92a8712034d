/**
 * The naming rules of one kind of AWS resource name, used both to validate a
 * name a request gives and (for {@link DerivableNameRule}) to derive one.
 */
export interface NameRule {
  /** What the name is, e.g. `RDS DB instance identifier`. */
  readonly label: string;
  readonly minLength: number;
  readonly maxLength: number;
  /** Every rule in words, for messages. */
  readonly allowed: string;
  /**
   * @returns `undefined` when `name` is valid; otherwise what is wrong,
   *   followed by what is allowed
   */
  check(name: string): string | undefined;
}

/** A {@link NameRule} that restore-relay can also derive names for. */
export interface DerivableNameRule extends NameRule {
  /**
   * Whether the first character must be a letter: `deriveName` then puts
   * {@link fallbackStem} in front of a stem that starts otherwise.
   */
  readonly letterFirst: boolean;
  /** Used when nothing of the original name survives sanitising. */
  readonly fallbackStem: string;
  /** Whether AWS tells `Orders` and `orders` apart (DynamoDB does). */
  readonly caseSensitive: boolean;
  /**
   * Rewrites any original name into characters the rule allows. It may
   * return `''`, and it does not enforce length or the first character.
   */
  toStem(original: string): string;
}

interface NameCheck {
  readonly fails: (name: string) => boolean;
  readonly says: string;
}

interface NameRuleOptions {
  readonly label: string;
  readonly minLength: number;
  readonly maxLength: number;
  readonly allowed: string;
  readonly checks: readonly NameCheck[];
}

const defineNameRule = (options: NameRuleOptions): NameRule => ({
  label: options.label,
  minLength: options.minLength,
  maxLength: options.maxLength,
  allowed: options.allowed,
  check: (name) => {
    const { length } = name;
    const failed =
      length < options.minLength || length > options.maxLength
        ? `is ${length} characters long`
        : options.checks.find((c) => c.fails(name))?.says;
    return failed === undefined
      ? undefined
      : `${failed}; ${options.label}s must be ${options.allowed}`;
  },
});

/** Removes accents so `café` keeps its letters as `cafe`. */
const withoutAccents = (value: string): string =>
  value.normalize('NFKD').replace(/\p{M}/gu, '');

const hyphenatedStem = (original: string): string =>
  withoutAccents(original)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

const hyphenatedChecks = (charset: RegExp, chars: string): NameCheck[] => [
  {
    fails: (n) => !charset.test(n),
    says: `contains a character other than ${chars}`,
  },
  { fails: (n) => !/^[A-Za-z]/.test(n), says: 'does not start with a letter' },
  { fails: (n) => n.includes('--'), says: "contains '--'" },
  { fails: (n) => n.endsWith('-'), says: 'ends with a hyphen' },
];

/**
 * RDS and its cluster engines share one identifier rule: 1–63 letters,
 * digits or hyphens, a letter first, no `--`, no trailing hyphen. RDS stores
 * identifiers in lower case, so derived names are lower case.
 *
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceFromDBSnapshot.html
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBClusterFromSnapshot.html
 */
const rdsStyleRule = (label: string): DerivableNameRule => ({
  ...defineNameRule({
    label,
    minLength: 1,
    maxLength: 63,
    allowed:
      "1–63 letters, digits or hyphens, starting with a letter, without '--' and not ending with a hyphen",
    checks: hyphenatedChecks(/^[A-Za-z0-9-]*$/, 'a letter, digit or hyphen'),
  }),
  letterFirst: true,
  fallbackStem: 'restore',
  caseSensitive: false,
  toStem: hyphenatedStem,
});

/** `DBInstanceIdentifier` of an RDS DB instance. */
export const RDS_INSTANCE_IDENTIFIER = rdsStyleRule(
  'RDS DB instance identifier'
);

/**
 * `dbClusterIdentifier` of an Aurora, DocumentDB or Neptune cluster: the RDS
 * rule (all three restore through RDS-style `RestoreDBClusterFromSnapshot`).
 */
export const DB_CLUSTER_IDENTIFIER = rdsStyleRule('DB cluster identifier');

/**
 * `ClusterIdentifier` of a Redshift cluster: like RDS, but lower case only.
 *
 * @see https://docs.aws.amazon.com/redshift/latest/APIReference/API_RestoreFromClusterSnapshot.html
 */
export const REDSHIFT_CLUSTER_IDENTIFIER: DerivableNameRule = {
  ...defineNameRule({
    label: 'Redshift cluster identifier',
    minLength: 1,
    maxLength: 63,
    allowed:
      "1–63 lower-case letters, digits or hyphens, starting with a letter, without '--' and not ending with a hyphen",
    checks: hyphenatedChecks(
      /^[a-z0-9-]*$/,
      'a lower-case letter, digit or hyphen'
    ),
  }),
  letterFirst: true,
  fallbackStem: 'restore',
  caseSensitive: false,
  toStem: hyphenatedStem,
};

/**
 * DynamoDB table names: 3–255 of `a-z A-Z 0-9 _ . -`.
 *
 * @see https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html
 */
export const DYNAMODB_TABLE_NAME: DerivableNameRule = {
  ...defineNameRule({
    label: 'DynamoDB table name',
    minLength: 3,
    maxLength: 255,
    allowed: '3–255 letters, digits, underscores, periods or hyphens',
    checks: [
      {
        fails: (n) => !/^[A-Za-z0-9_.-]*$/.test(n),
        says: 'contains a character other than a letter, digit, _, . or -',
      },
    ],
  }),
  letterFirst: false,
  fallbackStem: 'restore',
  caseSensitive: true,
  toStem: (original) =>
    withoutAccents(original).replace(/[^A-Za-z0-9_.-]+/g, '-'),
};

const S3_RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const S3_RESERVED_SUFFIXES = [
  '-s3alias',
  '--ol-s3',
  '.mrap',
  '--x-s3',
  '--table-s3',
];

/**
 * S3 general purpose bucket names. Validation only: restore-relay never
 * derives a bucket name, the request names its destination bucket
 * (docs/resource-types.md#s3).
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */
export const S3_BUCKET_NAME = defineNameRule({
  label: 'S3 bucket name',
  minLength: 3,
  maxLength: 63,
  allowed:
    "3–63 lower-case letters, digits, periods or hyphens, starting and ending with a letter or digit, without '..', not an IP address, and without a reserved prefix (xn--, sthree-, amzn-s3-demo-) or suffix (-s3alias, --ol-s3, .mrap, --x-s3, --table-s3)",
  checks: [
    {
      fails: (n) => !/^[a-z0-9.-]*$/.test(n),
      says: 'contains a character other than a lower-case letter, digit, . or -',
    },
    {
      fails: (n) => !/^[a-z0-9].*[a-z0-9]$/.test(n),
      says: 'does not start and end with a letter or digit',
    },
    { fails: (n) => n.includes('..'), says: "contains '..'" },
    {
      fails: (n) => /^\d+\.\d+\.\d+\.\d+$/.test(n),
      says: 'is formatted as an IP address',
    },
    {
      fails: (n) => S3_RESERVED_PREFIXES.some((p) => n.startsWith(p)),
      says: 'starts with a reserved prefix',
    },
    {
      fails: (n) => S3_RESERVED_SUFFIXES.some((s) => n.endsWith(s)),
      says: 'ends with a reserved suffix',
    },
  ],
});

/**
 * Timestream table names, as docs/resource-types.md#timestream states them: 2–256
 * letters, digits, `-`, `.` and `_`.
 */
export const TIMESTREAM_TABLE_NAME = defineNameRule({
  label: 'Timestream table name',
  minLength: 2,
  maxLength: 256,
  allowed: '2–256 letters, digits, underscores, periods or hyphens',
  checks: [
    {
      fails: (n) => !/^[A-Za-z0-9_.-]*$/.test(n),
      says: 'contains a character other than a letter, digit, _, . or -',
    },
  ],
});

const cloudFormationName = (label: string): NameRule =>
  defineNameRule({
    label,
    minLength: 1,
    maxLength: 128,
    allowed: '1–128 letters, digits or hyphens, starting with a letter',
    checks: [
      {
        fails: (n) => !/^[A-Za-z0-9-]*$/.test(n),
        says: 'contains a character other than a letter, digit or hyphen',
      },
      {
        fails: (n) => !/^[A-Za-z]/.test(n),
        says: 'does not start with a letter',
      },
    ],
  });

/**
 * CloudFormation `StackName`.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateChangeSet.html
 */
export const CLOUDFORMATION_STACK_NAME = cloudFormationName(
  'CloudFormation stack name'
);

/** CloudFormation `ChangeSetName` (same rule as a stack name). */
export const CLOUDFORMATION_CHANGE_SET_NAME = cloudFormationName(
  'CloudFormation change set name'
);

/**
 * EFS `CreationToken`: 1–64 characters. EFS treats it as the idempotency key
 * of `CreateFileSystem`.
 *
 * @see https://docs.aws.amazon.com/efs/latest/ug/API_CreateFileSystem.html
 */
export const EFS_CREATION_TOKEN = defineNameRule({
  label: 'EFS creation token',
  minLength: 1,
  maxLength: 64,
  allowed: '1–64 characters',
  checks: [],
});
