import type { Problem } from '../domain/problem.js';
import type { ResourceType } from '../domain/resource-type.js';

/** A metadata override value as a request may carry it (any JSON value). */
export type MetadataValue =
  | string
  | number
  | boolean
  | null
  | readonly MetadataValue[]
  | { readonly [key: string]: MetadataValue };

/** What is known of the recovery point when the metadata is built. */
export interface RecoveryPointFacts {
  readonly recoveryPointArn: string;
  readonly backupVaultName: string;
  /** ARN of the resource that was backed up, when known. */
  readonly resourceArn?: string;
  /** Name of the resource that was backed up, when AWS reports one. */
  readonly resourceName?: string;
}

/** Everything a builder needs; nothing here is fetched by the builder. */
export interface MetadataBuildInput {
  readonly resourceType: ResourceType;
  /** The `RestoreMetadata` map `GetRecoveryPointRestoreMetadata` returned. */
  readonly saved: Readonly<Record<string, string>>;
  /** The request's `metadata` overrides, not yet stringified. */
  readonly overrides: Readonly<Record<string, MetadataValue>>;
  readonly recoveryPoint: RecoveryPointFacts;
  /**
   * The request key (the caller's `requestId`, or the hash of the canonical
   * request). Derived names and tokens are functions of it, so a retry gets
   * the same names and two requests never collide.
   */
  readonly requestKey: string;
}

/** The outcome of one builder: the exact `Metadata` map, or problems. */
export interface MetadataBuildOutcome {
  /** Every value a string, every key in the spelling AWS expects. */
  readonly metadata: Record<string, string>;
  /** Things an operator should know that do not stop the restore. */
  readonly warnings: readonly string[];
  /** Paths are relative to the request: `metadata.<Key>`. Empty when valid. */
  readonly problems: readonly Problem[];
}

/**
 * Builds `StartRestoreJob` metadata for one resource type, implementing the
 * rules of `docs/resource-types.md` for that type.
 */
export interface ResourceMetadataBuilder {
  readonly resourceType: ResourceType;
  /** The keys AWS documents for this type, in their exact spelling. */
  readonly documentedKeys: readonly string[];
  /**
   * Whether `CopySourceTagsToRestoredResource` may be sent: AWS fails the job
   * for the types that do not support it (docs/resource-types.md#copy-tags).
   */
  readonly copySourceTagsSupported: boolean;
  build(input: MetadataBuildInput): MetadataBuildOutcome;
}
