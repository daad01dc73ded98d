/**
 * @ngraveio/bc-ur (the animated QR codes' fountain codes) was written for Node and calls the
 * global `Buffer`, which a browser lacks: give it the `buffer` package's, once, before any QR
 * code is made or read. Imported first by the modules of this folder.
 */
// The npm package `buffer` (the trailing slash says so), not Node's built-in of the same name, which
// the layering rule takes it for: the renderer imports no Node built-in, and this is none.
// eslint-disable-next-line local/layering
import { Buffer } from 'buffer/';

const scope = globalThis as { Buffer?: unknown };
if (scope.Buffer === undefined) scope.Buffer = Buffer;
