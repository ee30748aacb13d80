// npm start prints the admin password only when it is identity's built-in default.
import { adminLoginLine, DEFAULT_ADMIN_PASSWORD } from '../../scripts/lib/admin-login.mjs';
import { DEFAULT_ADMIN_PASSWORD as IDENTITY_DEFAULT } from '../../apps/identity/src/config/identity-env.js';

describe('npm start: admin login line', () => {
  it('knows the same default as identity', () => {
    expect(DEFAULT_ADMIN_PASSWORD).toBe(IDENTITY_DEFAULT);
  });

  it('shows the built-in default, and never a password the operator set', () => {
    expect(adminLoginLine('admin@example.com', IDENTITY_DEFAULT)).toBe('admin login: admin@example.com / change-me-now  (the built-in default: set ADMIN_PASSWORD in .env)');
    const line = adminLoginLine('ops@example.com', 'Operator-chosen-Pass-1');
    expect(line).toBe('admin login: ops@example.com (password from ADMIN_PASSWORD)');
    expect(line).not.toContain('Operator-chosen-Pass-1');
  });
});
