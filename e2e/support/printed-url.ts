/** The browser bridge's URL, as a server process it started prints it (with its token), or why it did not come. */
import { type ChildProcessWithoutNullStreams, type ChildProcessByStdio } from 'node:child_process';
import { type Readable } from 'node:stream';

type Server = ChildProcessWithoutNullStreams | ChildProcessByStdio<null, Readable, Readable>;

export function printedUrl(server: Server, what: string, timeoutMs: number): Promise<string> {
  let output = '';
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} printed no URL within ${timeoutMs / 1000} s:\n${output}`)), timeoutMs);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    server.stdout.on('data', read);
    server.stderr.on('data', read);
    server.on('exit', (code) => reject(new Error(`${what} exited (${code}) before printing a URL:\n${output}`)));
  });
}
