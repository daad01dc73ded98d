/**
 * Saving what a member hands to someone else (a signing request, a presentation, an enrolment)
 * as a JSON file. In the browser it is a download; in the desktop app the main process lets only
 * the app's own blob: downloads through and asks where to save them (electron/main/downloads.ts).
 */
const safeName = (name: string) => name.replace(/[^A-Za-z0-9._-]+/g, '-');

export function saveJsonFile(fileName: string, value: unknown): void {
  saveTextFile(fileName, `${JSON.stringify(value, null, 2)}\n`, 'application/json');
}

/** Saves text as it is (a ledger's JSON Lines, which must not be re-encoded). */
export function saveTextFile(fileName: string, text: string, type = 'text/plain'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = safeName(fileName);
  link.click();
  // The download (or the desktop app's save dialog) reads the blob after this returns: revoke it later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
