/** `urn:authenticateit:user:<kind>:<login>`; phone accounts use the `phonenum` kind (as in the docs). */
export function userUrn(regType: string, login: string): string {
  const kind = regType === 'phone' ? 'phonenum' : regType;
  return `urn:authenticateit:user:${kind}:${login}`;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
