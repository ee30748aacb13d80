export const ROOT: string;
export const APPS: string[];
export const HEALTH_PORTS: Record<string, number>;
export const GATEWAY_PORT: number;
export function distMain(app: string): string;
export function distMigrate(app: string): string;
export function builtApps(): { present: string[]; missing: string[] };
