/** How error sentences write addresses and times: short hex, UTC dates (the same words in every time zone). */
export const short = (hex: string) => (hex.length > 14 ? `${hex.slice(0, 8)}…${hex.slice(-4)}` : hex);
export const when = (seconds: number) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
