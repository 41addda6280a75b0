/**
 * The new user's password: all of stdin with --password-stdin (one trailing newline dropped, as
 * `echo` and password managers add it), otherwise typed twice at a prompt that does not echo.
 */
import { CliFailure } from './output.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/u, '');
}

function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let input = '';
    const done = (): void => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    function onData(chunk: string): void {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          done();
          resolve(input);
          return;
        }
        if (ch === '\u0003') {
          done();
          reject(new CliFailure('usage', undefined, 'cancelled'));
          return;
        }
        input = ch === '\u007f' || ch === '\b' ? Array.from(input).slice(0, -1).join('') : input + ch;
      }
    }
    stdin.on('data', onData);
  });
}

/** Reads the password from stdin or a terminal prompt. */
export async function readNewPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) return readStdin();
  if (!process.stdin.isTTY) throw new CliFailure('usage', undefined, 'no terminal to ask for the password: pipe it in with --password-stdin');
  const first = await promptHidden('密码 (password): ');
  const second = await promptHidden('再输入一次 (again): ');
  if (first !== second) throw new CliFailure('bad_password', undefined, 'the two passwords differ');
  return first;
}
