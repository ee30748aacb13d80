export declare const DEFAULT_ADMIN_PASSWORD: string;
export declare function adminLoginLine(email: string, password: string): string;
