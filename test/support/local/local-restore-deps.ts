import { parseConfig } from '#shared/config/load-config';
import { StartConfigSchema } from '#shared/config/start-env';
import { buildStartDeps, type StartDeps } from '#shared/wiring/start-deps';
import { InMemoryMetrics } from '../fakes/in-memory-metrics.js';
import { MemoryLog } from '../fakes/memory-log.js';
import { lambdaContext } from '../lambda-context.js';
import type { LocalAws } from './local-aws.js';

/**
 * The production deps (real adapters, real SDK clients) wired to a local
 * AWS: the configuration is parsed from `process.env` as a function would,
 * with the local table and topic, and a canned Lambda context is registered
 * so Powertools sets an in-progress expiry.
 */
export const localRestoreDeps = (
  local: LocalAws,
  log = new MemoryLog()
): StartDeps => {
  const deps = buildStartDeps(
    parseConfig(StartConfigSchema, {
      ...process.env,
      RELAY_TABLE_NAME: local.tableName,
      RELAY_TOPIC_ARN: local.topicArn,
    }),
    log,
    new InMemoryMetrics()
  );
  deps.idempotency.registerLambdaContext(lambdaContext({}, 15 * 60_000));
  return deps;
};
