import * as z from 'zod';

/**
 * The envelope EventBridge wraps every event in (docs/events.md#envelope), field for
 * field as Powertools' `EventBridgeSchema` (parser 2.35.0) defines it. Ours
 * because Powertools' schema modules `import { z } from 'zod'`, which makes
 * esbuild bundle all of zod with its locales: about 280 KB of bundle, 75 KB
 * of zip, per function (BENCHMARKS.md).
 */
export const EventBridgeEnvelopeSchema = z.object({
  version: z.string(),
  id: z.string(),
  source: z.string(),
  account: z.string(),
  time: z.iso.datetime(),
  region: z.string(),
  resources: z.array(z.string()),
  'detail-type': z.string(),
  detail: z.unknown(),
  'replay-name': z.string().optional(),
});
