import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('../fixtures/requests/', import.meta.url));

/** One example request per resource type, from test/fixtures/requests. */
export interface ExampleRequest {
  readonly name: string;
  readonly body: Record<string, unknown>;
}

/**
 * The example requests the README, `npm start` and the per-type
 * integration tests share, against the default local AWS seed.
 */
export const exampleRequests = (): ExampleRequest[] =>
  readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({
      name: f.replace(/\.json$/, ''),
      body: JSON.parse(readFileSync(`${DIR}${f}`, 'utf8')) as Record<
        string,
        unknown
      >,
    }));
