export { correlatedLogger } from './correlated-logger.js';
export { logger } from './logger.js';
export { metrics, PowertoolsRestoreMetrics } from './metrics.js';
