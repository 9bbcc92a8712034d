import { describe, expect, it } from 'vitest';

describe('the test runtime', () => {
  it('is Node 22, the major of the Lambda runtime (nodejs22.x)', () => {
    // Assert: the `node` devDependency puts Node 22 first on the PATH of
    // npm scripts, whatever Node the machine has (toolchain.md §1).
    expect(process.versions.node.split('.')[0]).toBe('22');
  });
});
