/** The URL the browser-mode server printed, split into what the tests need. */
export function bridgeUrl(): { url: string; origin: string; token: string; port: number } {
  const url = process.env['C3_BRIDGE_URL'];
  if (!url) throw new Error('C3_BRIDGE_URL is not set: the global setup did not start the app.');
  const parsed = new URL(url);
  return { url, origin: parsed.origin, token: parsed.hash.replace('#token=', ''), port: Number(parsed.port) };
}
