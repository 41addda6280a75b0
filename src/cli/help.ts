/**
 * `lotho help COMMAND`, `lotho COMMAND --help` and `lotho --version`. A command's help is its part
 * of the one usage text (main.ts USAGE), so that it is written once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../server/project-root.ts';

/**
 * The lines of `usage` about `command` (from its `  lotho COMMAND …` line to the next command's),
 * with the heading and the exit status line; undefined for a command the usage does not name.
 */
export function commandHelp(usage: string, command: string): string | undefined {
  const lines = usage.split('\n');
  const isCommandLine = (line: string) => line.startsWith('  lotho ') && !line.startsWith('   ');
  const ofCommand = (line: string) => line === `  lotho ${command}` || line.startsWith(`  lotho ${command} `);
  const start = lines.findIndex(ofCommand);
  if (start < 0 || command.startsWith('-')) return undefined;
  const own: string[] = [];
  for (const line of lines.slice(start)) {
    if (isCommandLine(line) ? !ofCommand(line) : !line.startsWith('    ')) break;
    own.push(line);
  }
  const [title = ''] = lines;
  const exit = lines.find((line) => line.startsWith('退出状态'));
  return [title, '', '用法 (usage):', ...own, '', ...(exit === undefined ? [] : [exit]), ''].join('\n');
}

/** `lotho 0.1.0 (Node v24.…)`: the package's version, and the Node it runs on. */
export function versionLine(): string {
  const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version?: unknown };
  return `lotho ${typeof pkg.version === 'string' ? pkg.version : 'unknown'} (Node ${process.version})\n`;
}
