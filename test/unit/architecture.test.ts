import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

const sourceFiles = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : []
  );

/** Every import of a file, type-only ones included, as written. */
const importsOf = (file: string): string[] =>
  ts
    .preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true)
    .importedFiles.map((i) => i.fileName);

/** A specifier of ours as a repository path, or undefined for a package. */
const resolve = (from: string, specifier: string): string | undefined => {
  if (specifier.startsWith('#shared/')) {
    return `shared/${specifier.slice('#shared/'.length)}.ts`;
  }
  if (specifier.startsWith('.')) {
    return normalize(join(dirname(from), specifier)).replace(/\.js$/, '.ts');
  }
  return undefined;
};

const PRODUCT = [...sourceFiles('functions'), ...sourceFiles('shared')];

const GRAPH = new Map(
  PRODUCT.map((file) => [
    file,
    importsOf(file)
      .map((s) => resolve(file, s))
      .filter((f): f is string => f !== undefined),
  ])
);

/** The import cycles of the graph (each once, as a path that closes). */
const cyclesOf = (graph: Map<string, string[]>): string[][] => {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') {
        cycles.push([...stack.slice(stack.indexOf(next)), next]);
      } else if (state.get(next) === undefined && graph.has(next)) {
        visit(next);
      }
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) {
    if (state.get(file) === undefined) {
      visit(file);
    }
  }
  return cycles;
};

describe('the dependency rules of functions/ and shared/ (docs/architecture.md)', () => {
  it('resolves every import of ours to a file', () => {
    // Act
    const missing = [...GRAPH.entries()].flatMap(([file, targets]) =>
      targets.filter((t) => !GRAPH.has(t)).map((t) => `${file} → ${t}`)
    );

    // Assert
    expect(missing).toEqual([]);
  });

  it('has no import cycle, type-only imports included', () => {
    // Act
    const cycles = cyclesOf(GRAPH);

    // Assert
    expect(cycles.map((c) => c.join(' → '))).toEqual([]);
  });

  it('imports @aws-sdk/* only in adapters and the clients they take', () => {
    // Act
    const offenders = PRODUCT.filter(
      (file) =>
        !file.startsWith('shared/adapters/') &&
        !file.startsWith('shared/clients/') &&
        importsOf(file).some((s) => s.startsWith('@aws-sdk/'))
    );

    // Assert
    expect(offenders).toEqual([]);
  });

  it('points inward: shared/ never imports a function, except the CLI that lists their schemas', () => {
    // Act
    const outward = [...GRAPH.entries()].flatMap(([file, targets]) =>
      file.startsWith('shared/') && !file.startsWith('shared/cli/')
        ? targets.filter((t) => t.startsWith('functions/'))
        : []
    );

    // Assert
    expect(outward).toEqual([]);
  });

  it('keeps the domain free of adapters, wiring and use cases', () => {
    // Act
    const leaks = [...GRAPH.entries()].flatMap(([file, targets]) =>
      file.startsWith('shared/domain/')
        ? targets
            .filter((t) =>
              /^shared\/(adapters|clients|wiring|use-cases|middleware)\//.test(
                t
              )
            )
            .map((t) => `${relative('shared', file)} → ${t}`)
        : []
    );

    // Assert
    expect(leaks).toEqual([]);
  });
});
