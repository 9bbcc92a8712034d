import { describe, expect, it } from 'vitest';
import {
  arnLocationProblem,
  metadataLocationProblem,
  partitionOf,
} from '#shared/policy/location-checks';

const HERE = {
  partition: 'aws',
  region: 'eu-west-1',
  accountId: '111122223333',
  trustedArns: ['arn:aws:kms:us-east-1:444455556666:key/*'],
};

describe('location checks', () => {
  it.each([
    ['eu-west-1', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['us-iso-east-1', 'aws-iso'],
    ['us-isob-east-1', 'aws-iso-b'],
  ])('reads the partition of %s as %s', (region, partition) => {
    expect(partitionOf(region)).toBe(partition);
  });

  it('accepts what AWS writes without a Region or account, and nothing else', () => {
    // Act & Assert
    expect(
      arnLocationProblem(HERE, 'arn:aws:iam::111122223333:role/r')
    ).toBeUndefined();
    expect(arnLocationProblem(HERE, 'arn:aws:s3:::bucket')).toBeUndefined();
    expect(
      arnLocationProblem(HERE, 'arn:aws:ec2:eu-west-1::image/ami-1')
    ).toBeUndefined();
    expect(arnLocationProblem(HERE, 'arn:aws:iam::999988887777:role/r')).toBe(
      "is in account 999988887777, not this deployment's account 111122223333"
    );
    expect(
      arnLocationProblem(HERE, 'arn:aws:kms::111122223333:key/1')
    ).toContain('names no Region');
    expect(arnLocationProblem(HERE, 'arn:aws:kms:eu-west-1::key/1')).toBe(
      'names no account'
    );
    expect(arnLocationProblem(HERE, 'arn:aws')).toContain('is not an ARN');
  });

  it('trusts listed ARNs and prefixes only', () => {
    // Act & Assert
    expect(
      arnLocationProblem(HERE, 'arn:aws:kms:us-east-1:444455556666:key/abc')
    ).toBeUndefined();
    expect(
      arnLocationProblem(HERE, 'arn:aws:kms:us-east-1:444455556666:alias/abc')
    ).toContain('Region us-east-1');
  });

  it('checks account ids under account keys and zone names, not zone ids', () => {
    // Act & Assert
    expect(
      metadataLocationProblem(HERE, { OwnerAccount: '999988887777' })
    ).toEqual({
      path: 'metadata.OwnerAccount',
      message:
        "names account 999988887777, not this deployment's account 111122223333",
    });
    expect(
      metadataLocationProblem(HERE, {
        availabilityZones: '["eu-west-1a","eu-central-1b"]',
      })?.path
    ).toBe('metadata.availabilityZones.1');
    expect(
      metadataLocationProblem(HERE, {
        AvailabilityZone: 'euw1-az1',
        Placement: '{"AvailabilityZone":"eu-west-1-lhr-1a"}',
      })
    ).toBeUndefined();
  });
});
