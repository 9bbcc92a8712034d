/** The deployment id of the test environment (names and tokens include it). */
export const TEST_DEPLOYMENT = 'restore-relay-test';

/**
 * The local deployment's restore profiles: the built-in deny-by-default
 * profiles, extended the way docs/policy.md shows, with the one
 * bucket the S3 example restores into and the security group the FSx
 * example names (FSx saves no security groups, so "as backed up" cannot
 * allow one).
 */
export const LOCAL_RESTORE_PROFILES = JSON.stringify({
  S3: {
    allow: {
      DestinationBucketName: { oneOf: ['restore-relay-reports-restored'] },
    },
  },
  FSx: { allow: { SecurityGroupIds: { oneOf: ['sg-0123456789abcdef0'] } } },
});

/** A complete, valid restore-relay environment for tests. */
export const RELAY_ENV: Readonly<Record<string, string>> = {
  RELAY_TABLE_NAME: 'restore-relay-test',
  RELAY_TOPIC_ARN:
    'arn:aws:sns:eu-west-1:111122223333:restore-relay-notifications',
  DEPLOYMENT_ID: TEST_DEPLOYMENT,
  RESTORE_PROFILES: LOCAL_RESTORE_PROFILES,
  RELAY_DLQ_URL:
    'https://sqs.eu-west-1.amazonaws.com/111122223333/restore-relay-dlq',
  RESTORE_ROLES:
    'default=arn:aws:iam::111122223333:role/restore-default,databases=arn:aws:iam::111122223333:role/restore-databases',
  DEFAULT_RESTORE_ROLE: 'default',
  ALLOWED_VAULTS: 'prod-primary,archive-vault',
  ALLOWED_RESOURCE_TYPES: '*',
  AWS_REGION: 'eu-west-1',
  ACCOUNT_ID: '111122223333',
};
