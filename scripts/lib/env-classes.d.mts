export interface EnvVar { name: string; default: string | number | boolean | undefined; doc: string }
export interface EnvClass { app: string; file: string; className: string; base?: string; vars: EnvVar[] }
export function readEnvClasses(root?: string): EnvClass[];
export function envVarsByApp(root?: string): Record<string, string[]>;
