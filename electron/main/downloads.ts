/**
 * Which downloads the desktop app lets through: only files the app's own page made (a signing
 * request, a credential presentation, an enrolment for the stewards), as blob: URLs of its own
 * origin. Anything else a page might try to download is refused. Kept free of Electron so that
 * the rule is tested in plain Node.
 */
export function isOwnDownload(url: string, appOrigin: string): boolean {
  return url.startsWith(`blob:${appOrigin}/`);
}

/** The file name the save dialog proposes: the page's name without any folder part or odd characters. */
export function proposedFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^\.+/, '');
  return cleaned.length > 0 ? cleaned.slice(0, 120) : 'c3-vault-file.json';
}
