/**
 * Called once per finished request or event (server) or per settled request (client):
 * the pattern, wall time in ms, and the WireError kind when it failed. Must be cheap and not throw.
 */
export type HandledHook = (pattern: string, ms: number, ok: boolean, errorKind?: string) => void;
