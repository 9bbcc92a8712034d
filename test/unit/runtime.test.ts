import { describe, expect, it } from 'vitest';

describe('the test runtime', () => {
  it('is Node 24, the major of the Lambda runtime (nodejs24.x)', () => {
    // Assert: the `node` devDependency puts Node 24 first on the PATH of
    // npm scripts, whatever Node the machine has (docs/development.md).
    // nodejs22.x is deprecated on 2027-04-30
    // (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html).
    expect(process.versions.node.split('.')[0]).toBe('24');
  });
});
