/** A complete, valid restore-relay environment for tests. */
export const RELAY_ENV: Readonly<Record<string, string>> = {
  RELAY_TABLE_NAME: 'restore-relay-test',
  RELAY_TOPIC_ARN:
    'arn:aws:sns:eu-west-1:111122223333:restore-relay-notifications',
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
