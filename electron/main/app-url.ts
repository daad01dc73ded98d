/**
 * Which URLs are the app's own page. The scheme and the host (with its port) are compared one by
 * one, never `URL.origin`: Node's URL gives "null" as the origin of `c3://app/…` (c3 is not one
 * of WHATWG's special schemes), which once made the IPC gate and the navigation guard refuse the
 * app's own page; Electron's `senderFrame.origin` says "c3://app" only because the scheme is
 * registered as standard. Neither is relied on. Kept free of Electron so that it is tested in
 * plain Node.
 */
export function appUrlMatcher(appOrigin: string): (url: string) => boolean {
  const own = new URL(appOrigin);
  if (own.host === '') throw new Error(`The app origin "${appOrigin}" has no host.`);
  return (url) => {
    let candidate: URL;
    try {
      candidate = new URL(url);
    } catch {
      return false;
    }
    // Credentials in a URL are a classic way to dress one host up as another (c3://app@evil/).
    return candidate.protocol === own.protocol && candidate.host === own.host && candidate.username === '' && candidate.password === '';
  };
}
