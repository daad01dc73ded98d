export function findElectronBinary(env?: NodeJS.ProcessEnv): { path: string } | { missing: string };
export function noDisplayReason(env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform): string | null;
