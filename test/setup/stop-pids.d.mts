export function stopPids(pids: number[], graceMs?: number): Promise<void>;
