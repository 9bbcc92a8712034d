import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What `osls package` reads; tests, `.git` and old artefacts stay behind. */
const SERVICE_FILES = [
  'serverless.yml',
  'package.json',
  'tsconfig.json',
  'functions',
  'shared',
];

/** A JSON value, as found in a CloudFormation template. */
export type Json =
  | string
  | number
  | boolean
  | null
  | Json[]
  | { [key: string]: Json };

/** A JSON object. */
export type JsonObject = { [key: string]: Json };

/** One resource of a CloudFormation template. */
export interface CfnResource {
  readonly Type: string;
  readonly Properties: JsonObject;
  readonly DependsOn?: string | string[];
  readonly Condition?: string;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
}

/** The parts of a CloudFormation template the tests read. */
export interface CfnTemplate {
  readonly Resources: Record<string, CfnResource>;
  readonly Outputs: Record<string, { readonly Value: Json }>;
  readonly Conditions?: JsonObject;
}

/** The result of one `osls package` run. */
export interface PackagedService {
  /** `cloudformation-template-update-stack.json`, parsed. */
  readonly template: CfnTemplate;
  /** The `--package` directory: the template and one zip per function. */
  readonly packageDir: string;
  /** Removes the copy of the service and everything it produced. */
  readonly cleanup: () => Promise<void>;
}

/** Options of {@link packageService}. */
export interface PackageOptions {
  readonly stage?: string;
  /** Passed as `--param="name=value"`, one per entry. */
  readonly params?: Readonly<Record<string, string>>;
}

/**
 * Runs `osls package` on a copy of the service in a temporary directory,
 * offline and with fake credentials, and reads the template it wrote. The
 * copy keeps concurrent runs from sharing the plugin's `.esbuild` work
 * folder and leaves no artefacts in the repository.
 *
 * @example
 * ```ts
 * const packaged = await packageService({ params: { batchSize: '5' } });
 * const [mapping] = resourcesOfType(packaged.template, 'AWS::Lambda::EventSourceMapping');
 * await packaged.cleanup();
 * ```
 */
export const packageService = async ({
  stage = 'ci',
  params = {},
}: PackageOptions = {}): Promise<PackagedService> => {
  const serviceDir = await mkdtemp(join(tmpdir(), 'restore-relay-sls-'));
  const cleanup = () => rm(serviceDir, { recursive: true, force: true });
  try {
    for (const name of SERVICE_FILES) {
      await cp(join(REPO_ROOT, name), join(serviceDir, name), {
        recursive: true,
      });
    }
    await symlink(
      join(REPO_ROOT, 'node_modules'),
      join(serviceDir, 'node_modules'),
      'dir'
    );
    const packageDir = join(serviceDir, 'package');
    await execFileAsync(
      join(REPO_ROOT, 'node_modules', '.bin', 'osls'),
      [
        'package',
        '--stage',
        stage,
        '--package',
        packageDir,
        ...Object.entries(params).map(
          ([name, value]) => `--param=${name}=${value}`
        ),
      ],
      {
        cwd: serviceDir,
        env: {
          ...process.env,
          // No route to AWS: osls must not need real credentials to package
          // (docs/development.md#deploy-cli).
          AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
          AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
          AWS_REGION: 'eu-west-1',
          SLS_TELEMETRY_DISABLED: '1',
          SLS_NOTIFICATIONS_MODE: 'off',
        },
        maxBuffer: 16 * 1024 * 1024,
      }
    );
    const template = JSON.parse(
      await readFile(
        join(packageDir, 'cloudformation-template-update-stack.json'),
        'utf8'
      )
    ) as CfnTemplate;
    return { template, packageDir, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
};

/**
 * The resources of one CloudFormation type, as `[logicalId, resource]`.
 *
 * @example
 * ```ts
 * const roles = resourcesOfType(template, 'AWS::IAM::Role');
 * ```
 */
export const resourcesOfType = (
  template: CfnTemplate,
  type: string
): [string, CfnResource][] =>
  Object.entries(template.Resources).filter(([, r]) => r.Type === type);

/**
 * The resource with this logical id; throws when there is none.
 *
 * @example
 * ```ts
 * const queue = resourceById(template, 'RequestQueue');
 * ```
 */
export const resourceById = (
  template: CfnTemplate,
  logicalId: string
): CfnResource => {
  const resource = template.Resources[logicalId];
  if (resource === undefined) {
    throw new Error(`the template has no resource "${logicalId}"`);
  }
  return resource;
};

/**
 * The logical id of the `AWS::Lambda::Function` deployed under this function
 * key (`sqs-restore`); throws when there is none.
 *
 * @example
 * ```ts
 * functionLogicalId(template, 'sqs-restore'); // 'SqsDashrestoreLambdaFunction'
 * ```
 */
export const functionLogicalId = (
  template: CfnTemplate,
  functionKey: string
): string => {
  const match = resourcesOfType(template, 'AWS::Lambda::Function').find(
    ([, fn]) =>
      fn.Properties.Handler === `functions/${functionKey}/handler.handler`
  );
  if (match === undefined) {
    throw new Error(`the template has no function "${functionKey}"`);
  }
  return match[0];
};

/** `Fn::GetAtt` of a logical id's attribute, as it appears in templates. */
export const getAtt = (logicalId: string, attribute: string): Json => ({
  'Fn::GetAtt': [logicalId, attribute],
});

/** `Ref` of a logical id, as it appears in templates. */
export const ref = (logicalId: string): Json => ({ Ref: logicalId });

/** An IAM statement with `Action` and `Resource` always as lists. */
export interface PolicyStatement {
  readonly effect: string;
  readonly actions: string[];
  readonly resources: Json[];
  readonly condition?: Json;
  readonly principal?: Json;
}

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const asList = (value: Json | undefined): Json[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/**
 * The statements of a policy document, with `Action` and `Resource`
 * normalised to lists.
 *
 * @example
 * ```ts
 * statementsOf(queuePolicy.Properties.PolicyDocument);
 * ```
 */
export const statementsOf = (document: Json | undefined): PolicyStatement[] => {
  if (!isObject(document)) {
    throw new Error('not a policy document');
  }
  return asList(document.Statement).map((statement) => {
    if (!isObject(statement)) {
      throw new Error('not a policy statement');
    }
    return {
      effect: String(statement.Effect),
      actions: asList(statement.Action).map(String),
      resources: asList(statement.Resource),
      ...(statement.Condition === undefined
        ? {}
        : { condition: statement.Condition }),
      ...(statement.Principal === undefined
        ? {}
        : { principal: statement.Principal }),
    };
  });
};

/**
 * Every statement of an `AWS::IAM::Role`'s inline policies.
 *
 * @example
 * ```ts
 * roleStatements(resourceById(template, 'SqsRestoreRole'));
 * ```
 */
export const roleStatements = (role: CfnResource): PolicyStatement[] =>
  asList(role.Properties.Policies).flatMap((policy) =>
    isObject(policy) ? statementsOf(policy.PolicyDocument) : []
  );

/** The values {@link evaluate} substitutes for `Ref`s. */
export interface EvaluationContext {
  /** The template's `Conditions`, for `Fn::If`. */
  readonly conditions?: JsonObject | undefined;
  /** Values for `Ref`s of logical ids; unknown ones stay unresolved. */
  readonly refs?: Readonly<Record<string, string>>;
}

/** The pseudo parameters {@link evaluate} assumes. */
export const PSEUDO_PARAMETERS: Readonly<Record<string, string>> = {
  'AWS::Partition': 'aws',
  'AWS::Region': 'eu-west-1',
  'AWS::AccountId': '111122223333',
  'AWS::URLSuffix': 'amazonaws.com',
};

/** `Ref: AWS::NoValue`, as CloudFormation removes it. */
const isNoValue = (node: Json): boolean =>
  isObject(node) &&
  Object.keys(node).length === 1 &&
  node.Ref === 'AWS::NoValue';

/**
 * Evaluates the intrinsic functions CloudFormation would resolve at deploy
 * time (`Ref`, `Fn::Sub`, `Fn::Split`, `Fn::Join`, `Fn::If`, `Fn::Equals`,
 * `Fn::Not`) with {@link PSEUDO_PARAMETERS} and `context.refs`; what
 * resolves to `AWS::NoValue` leaves its list or object, as CloudFormation
 * does. `Fn::GetAtt` and `Ref`s without a value are left as they are; so
 * are `${Name}` placeholders of `Fn::Sub` that have none.
 *
 * @example
 * ```ts
 * evaluate({ 'Fn::Split': [',', { 'Fn::Sub': 'arn:${AWS::Partition}:x,y' }] });
 * // ['arn:aws:x', 'y']
 * ```
 */
export const evaluate = (
  value: Json,
  context: EvaluationContext = {}
): Json => {
  const refs: Readonly<Record<string, string>> = {
    ...PSEUDO_PARAMETERS,
    ...context.refs,
  };
  const go = (node: Json): Json => {
    if (Array.isArray(node)) {
      return node.map(go).filter((item) => !isNoValue(item));
    }
    if (!isObject(node)) {
      return node;
    }
    const keys = Object.keys(node);
    const [key] = keys;
    const arg = key === undefined ? undefined : node[key];
    if (keys.length !== 1 || key === undefined || arg === undefined) {
      return Object.fromEntries(
        Object.entries(node)
          .map(([k, v]) => [k, go(v)] as const)
          .filter(([, v]) => !isNoValue(v))
      );
    }
    if (key === 'Ref' && typeof arg === 'string') {
      return refs[arg] ?? node;
    }
    if (key === 'Fn::Sub' && typeof arg === 'string') {
      return arg.replace(
        /\$\{([^}!]+)\}/g,
        (whole, name: string) => refs[name] ?? whole
      );
    }
    if (key === 'Fn::Split' && Array.isArray(arg) && arg.length === 2) {
      const [separator, source] = arg.map(go);
      return typeof separator === 'string' && typeof source === 'string'
        ? source.split(separator)
        : node;
    }
    if (key === 'Fn::Join' && Array.isArray(arg) && arg.length === 2) {
      const [separator, parts] = arg.map(go);
      return typeof separator === 'string' &&
        Array.isArray(parts) &&
        parts.every((p) => typeof p === 'string')
        ? parts.join(separator)
        : node;
    }
    if (key === 'Fn::Equals' && Array.isArray(arg) && arg.length === 2) {
      const [left, right] = arg.map(go);
      return JSON.stringify(left) === JSON.stringify(right);
    }
    if (key === 'Fn::Not' && Array.isArray(arg) && arg.length === 1) {
      const [inner] = arg.map(go);
      return typeof inner === 'boolean' ? !inner : node;
    }
    if (key === 'Fn::If' && Array.isArray(arg) && arg.length === 3) {
      const [name, whenTrue, whenFalse] = arg;
      const condition =
        typeof name === 'string' ? context.conditions?.[name] : undefined;
      const holds = condition === undefined ? undefined : go(condition);
      if (typeof holds !== 'boolean' || whenTrue === undefined) {
        return node;
      }
      return go(holds ? whenTrue : (whenFalse ?? null));
    }
    const value = go(arg);
    return isNoValue(value) && !key.startsWith('Fn::') ? {} : { [key]: value };
  };
  return go(value);
};

/**
 * The names of the entries of a zip file, read from its central directory
 * (enough for the archives osls writes: no zip64, no multi-disk).
 *
 * @example
 * ```ts
 * await zipEntryNames(join(packageDir, 'sqs-restore.zip'));
 * // ['functions/sqs-restore/handler.mjs']
 * ```
 */
export const zipEntryNames = async (path: string): Promise<string[]> => {
  const zip = await readFile(path);
  const endOfCentralDirectory = 0x06054b50;
  const centralFileHeader = 0x02014b50;
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== endOfCentralDirectory) {
    end -= 1;
  }
  if (end < 0) {
    throw new Error(`${path} is not a zip file`);
  }
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i += 1) {
    if (zip.readUInt32LE(offset) !== centralFileHeader) {
      throw new Error(`${path}: broken central directory`);
    }
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    names.push(zip.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
};
