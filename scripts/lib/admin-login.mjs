// What `npm start` says about the seeded admin once the gateway is ready.

/** identity's built-in ADMIN_PASSWORD (apps/identity/src/config/identity-env.ts); a test keeps the two equal. */
export const DEFAULT_ADMIN_PASSWORD = 'change-me-now';

/** The password is shown only when it is the built-in default: one set by the operator never reaches the terminal. */
export function adminLoginLine(email, password) {
  return password === DEFAULT_ADMIN_PASSWORD
    ? `admin login: ${email} / ${password}  (the built-in default: set ADMIN_PASSWORD in .env)`
    : `admin login: ${email} (password from ADMIN_PASSWORD)`;
}
