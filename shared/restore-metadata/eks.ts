import { createMetadataBuilder } from './create-metadata-builder.js';
import {
  arnOf,
  booleanString,
  jsonArray,
  jsonObject,
  jsonValue,
  matching,
  nonEmpty,
  stringList,
} from './value-rules.js';

/** Keys that take effect only with `newCluster` `"true"` (docs/resource-types.md#eks). */
const NEW_CLUSTER_KEYS = [
  'eksClusterVersion',
  'clusterRole',
  'controlPlaneScalingTier',
  'encryptionConfigProviderKeyArn',
  'clusterVpcConfig',
  'nodeGroups',
  'fargateProfiles',
  'podIdentityAssociations',
];

const hasFields =
  (fields: readonly string[]) =>
  (item: unknown): string | undefined =>
    typeof item === 'object' && item !== null && fields.every((f) => f in item)
      ? undefined
      : `is not an object with ${fields.join(', ')}`;

/**
 * EKS restore metadata (docs/resource-types.md#eks), validated and passed
 * through: `clusterName` is required, the new-cluster settings need
 * `newCluster` `"true"`, and JSON-valued keys must be JSON.
 */
export const eksMetadataBuilder = createMetadataBuilder({
  resourceType: 'EKS',
  documentedKeys: [
    'clusterName',
    'newCluster',
    ...NEW_CLUSTER_KEYS,
    'kubernetesRestoreOrder',
    'namespaceLevelRestore',
    'namespaces',
    'restoreKubernetesManifestsOnly',
    'nestedRestoreJobs',
  ],
  copySourceTagsSupported: true,
  documentedKeysOnly: true,
  requiredKeys: {
    clusterName: 'the name of the cluster to restore to',
  },
  valueRules: {
    // EKS CreateCluster name rule.
    clusterName: matching(
      /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/,
      '1–100 letters, digits, hyphens or underscores, starting with a letter or digit'
    ),
    newCluster: booleanString,
    eksClusterVersion: matching(/^\d+\.\d+$/, 'a version such as 1.31'),
    clusterRole: arnOf('iam', 'role/'),
    controlPlaneScalingTier: nonEmpty,
    encryptionConfigProviderKeyArn: arnOf('kms'),
    clusterVpcConfig: jsonObject((config) =>
      'subnetIds' in config && 'securityGroupIds' in config
        ? undefined
        : 'must carry subnetIds and securityGroupIds'
    ),
    nodeGroups: jsonArray({
      items: 'objects {nodeGroupId, subnetIds, nodeRole, …}',
      item: hasFields(['nodeGroupId', 'subnetIds', 'nodeRole']),
      example:
        '[{"nodeGroupId":"ng-1","subnetIds":["subnet-…"],"nodeRole":"arn:aws:iam::…"}]',
    }),
    fargateProfiles: jsonArray({
      items: 'objects {name, podExecutionRoleArn, subnetIds}',
      item: hasFields(['name', 'podExecutionRoleArn']),
      example: '[{"name":"default","podExecutionRoleArn":"arn:aws:iam::…"}]',
    }),
    podIdentityAssociations: jsonValue,
    kubernetesRestoreOrder: stringList({
      example: '["v1/Secret","apps/v1/Deployment"]',
    }),
    namespaceLevelRestore: booleanString,
    namespaces: stringList({ minItems: 1, maxItems: 5, example: '["app"]' }),
    restoreKubernetesManifestsOnly: booleanString,
    nestedRestoreJobs: jsonObject(),
  },
  refine: (context) => {
    if (context.metadata.get('newCluster') === 'true') {
      return;
    }
    for (const key of NEW_CLUSTER_KEYS) {
      if (context.metadata.has(key)) {
        context.fail(key, 'is used only with newCluster "true"');
      }
    }
  },
});
