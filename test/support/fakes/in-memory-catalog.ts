import type { RecoveryPoint } from '#shared/domain/recovery-point';
import { RecoveryPointNotFoundError } from '#shared/errors/errors';
import type {
  RecoveryPointCatalog,
  SavedRestoreMetadata,
} from '#shared/ports/recovery-point-catalog';

/** A fake catalog: points with their saved metadata, and a call log. */
export class InMemoryCatalog implements RecoveryPointCatalog {
  readonly calls: string[] = [];
  constructor(
    private readonly points: readonly (RecoveryPoint & {
      readonly saved: Readonly<Record<string, string>>;
    })[]
  ) {}

  async describe(vault: string, arn: string): Promise<RecoveryPoint> {
    this.calls.push('describe');
    const p = this.points.find(
      (x) => x.recoveryPointArn === arn && x.backupVaultName === vault
    );
    if (p === undefined) {
      throw new RecoveryPointNotFoundError(`${arn} not in ${vault}`);
    }
    const { saved: _saved, ...point } = p;
    return point;
  }

  async listByResource(resourceArn: string): Promise<readonly RecoveryPoint[]> {
    this.calls.push('list');
    return this.points
      .filter((p) => p.resourceArn === resourceArn)
      .map(({ saved: _saved, ...point }) => point);
  }

  async getRestoreMetadata(
    vault: string,
    arn: string
  ): Promise<SavedRestoreMetadata> {
    this.calls.push('getRestoreMetadata');
    const p = this.points.find(
      (x) => x.recoveryPointArn === arn && x.backupVaultName === vault
    );
    if (p === undefined) {
      throw new RecoveryPointNotFoundError(`${arn} not in ${vault}`);
    }
    return {
      metadata: p.saved,
      ...(p.resourceType ? { resourceType: p.resourceType } : {}),
    };
  }
}
