import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '#shared/cli/restore-cli';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const COMMAND = ['npm', 'run', '-s', 'restore', '--'];
const STDOUT_ONLY = '2>/dev/null';

/** The console examples of docs/cli.md's "The plan command": command and output. */
const examples = (): {
  command: string[];
  args: string[];
  stdoutOnly: boolean;
  output: string;
}[] => {
  const readme = readFileSync(join(ROOT, 'docs', 'cli.md'), 'utf8');
  const from = readme.indexOf('## The plan command');
  const section = readme.slice(from, readme.indexOf('\n## ', from + 1));
  return [...section.matchAll(/```console\n([\s\S]*?)```/g)].map((m) => {
    const lines = (m[1] ?? '').split('\n');
    let end = 0;
    while (lines[end]?.endsWith('\\')) {
      end += 1;
    }
    const words = lines
      .slice(0, end + 1)
      .map((l) => l.replace(/\\$/, ''))
      .join(' ')
      .replace(/^\$ /, '')
      .split(/\s+/)
      .filter((w) => w !== '');
    const stdoutOnly = words.at(-1) === STDOUT_ONLY;
    return {
      command: words.slice(0, COMMAND.length),
      args: words.slice(COMMAND.length, stdoutOnly ? -1 : undefined),
      stdoutOnly,
      output: lines.slice(end + 1).join('\n'),
    };
  });
};

describe("docs/cli.md's plan command examples", () => {
  it('are commands of the restore command line', () => {
    // Act
    const found = examples();

    // Assert
    expect(found.map((e) => [e.command, e.args[0]])).toEqual([
      [COMMAND, 'plan'],
      [COMMAND, 'plan'],
    ]);
  });

  it.each(examples())(
    'print what the command prints: $args',
    async ({ args, stdoutOnly, output }) => {
      // Arrange
      let printed = '';
      const write = (t: string) => {
        printed += t;
      };

      // Act
      const code = await main(
        args.map((a) => (a.startsWith('test/') ? join(ROOT, a) : a)),
        {
          stdout: write,
          stderr: stdoutOnly ? () => undefined : write,
          env: {},
        }
      );

      // Assert
      expect(code).toBe(0);
      expect(printed).toBe(output);
    }
  );
});
