/** A file's lines, read in 4 MB chunks: for logs larger than one JavaScript string can hold. */
import { closeSync, openSync, readSync } from 'node:fs';
import { isAscii } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';

export function* fileLines(path: string, chunkBytes = 4 << 20): Generator<string> {
  const fd = openSync(path, 'r');
  const chunk = Buffer.allocUnsafe(chunkBytes);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  // Whether the decoder may hold the first bytes of a character cut at the end of the last chunk.
  let pending = false;
  try {
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      const bytes = chunk.subarray(0, n);
      // A chunk of ASCII alone (a log is, but for names and labels) is its own Latin-1 text, copied
      // as it is rather than decoded: a third of the time of reading a large log.
      const ascii = isAscii(bytes);
      const text = rest + (ascii && !pending ? bytes.toString('latin1') : decoder.write(bytes));
      pending = !ascii;
      const lines = text.split('\n');
      rest = lines.pop() ?? '';
      yield* lines;
    }
    rest += decoder.end();
    if (rest !== '') yield rest;
  } finally {
    closeSync(fd);
  }
}
