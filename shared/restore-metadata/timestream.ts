import { createMetadataBuilder } from './create-metadata-builder.js';
import { REQUEST_ID_KEY } from './metadata-keys.js';
import { TIMESTREAM_TABLE_NAME } from './name-rules.js';
import {
  booleanString,
  integerString,
  jsonObject,
  nameOf,
  nonEmpty,
  uuid,
} from './value-rules.js';

/**
 * Timestream restore metadata (docs/resource-types.md#timestream). The guide's key
 * list names the database `DestinationDatabase` while its CLI example uses
 * `DatabaseName`; which one AWS honours is UNVERIFIED, so either is
 * accepted, and both only when they agree.
 */
export const timestreamMetadataBuilder = createMetadataBuilder({
  resourceType: 'Timestream',
  documentedKeys: [
    'TableName',
    'DestinationDatabase',
    'DatabaseName',
    'MemoryStoreRetentionPeriodInHours',
    'MagneticStoreRetentionPeriodInDays',
    'EnableMagneticStoreWrites',
    'MagneticStoreWriteProperties',
    REQUEST_ID_KEY,
  ],
  // docs/resource-types.md#copy-tags: tag copy is unsupported for Timestream.
  copySourceTagsSupported: false,
  documentedKeysOnly: true,
  requiredKeys: {
    TableName: 'the name of the table to create',
  },
  valueRules: {
    TableName: nameOf(TIMESTREAM_TABLE_NAME),
    DestinationDatabase: nonEmpty,
    DatabaseName: nonEmpty,
    // Timestream retention limits: memory 1–8766 hours, magnetic
    // 1–73000 days.
    MemoryStoreRetentionPeriodInHours: integerString({ min: 1, max: 8766 }),
    MagneticStoreRetentionPeriodInDays: integerString({ min: 1, max: 73000 }),
    EnableMagneticStoreWrites: booleanString,
    MagneticStoreWriteProperties: jsonObject(),
    [REQUEST_ID_KEY]: uuid,
  },
  refine: (context) => {
    const { metadata } = context;
    const destination = metadata.get('DestinationDatabase');
    const database = metadata.get('DatabaseName');
    if (destination === undefined && database === undefined) {
      context.fail(
        'DestinationDatabase',
        'required for Timestream: the database to restore into, as DestinationDatabase or DatabaseName (which one AWS honours is UNVERIFIED, docs/resource-types.md#timestream)'
      );
    } else if (
      destination !== undefined &&
      database !== undefined &&
      destination !== database
    ) {
      context.fail(
        'DatabaseName',
        'differs from DestinationDatabase; name one database, in either key or the same in both'
      );
    }
  },
});
