import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('../fixtures/requests/', import.meta.url));
const OTHER_TYPES_DIR = fileURLToPath(
  new URL('../fixtures/other-type-requests/', import.meta.url)
);

/** One example request per resource type, from test/fixtures/requests. */
export interface ExampleRequest {
  readonly name: string;
  readonly body: Record<string, unknown>;
}

const requestsIn = (dir: string): ExampleRequest[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({
      name: f.replace(/\.json$/, ''),
      body: JSON.parse(readFileSync(`${dir}${f}`, 'utf8')) as Record<
        string,
        unknown
      >,
    }));

/**
 * The example requests docs/resource-types.md, `npm start` and the per-type
 * integration tests share, against the default local AWS seed.
 */
export const exampleRequests = (): ExampleRequest[] => requestsIn(DIR);

/**
 * One request for each resource type the examples leave out
 * (CloudFormation, EKS, Redshift, SAP HANA, Timestream), from
 * test/fixtures/other-type-requests, against the default local AWS seed.
 * Kept apart because the EKS and SAP HANA ones restore in place: they pass
 * only where the deployment opts in (`{"<type>":{"inPlace":true}}`).
 */
export const otherTypeRequests = (): ExampleRequest[] =>
  requestsIn(OTHER_TYPES_DIR);
