import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The one Powertools Logger of a restore-relay container. Static messages
 * with structured keys; metadata *values* are never logged, because AWS
 * marks restore metadata sensitive (docs/resource-types.md#strings).
 */
export const logger = new Logger({ serviceName: 'restore-relay' });
