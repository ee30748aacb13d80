import { registerDecorator, type ValidationOptions } from 'class-validator';

/** The fields of a Google service account key file that FCM delivery uses. */
export interface ServiceAccount {
  project_id: string;
  client_email: string;
  private_key: string;
  private_key_id?: string;
}

/** The service account in `json`, or undefined when it is not one (never echoes the text). */
export function parseServiceAccount(json: string): ServiceAccount | undefined {
  try {
    const value = JSON.parse(json) as Partial<ServiceAccount> & { type?: string };
    const ok = typeof value.project_id === 'string' && /^[a-z0-9-]{1,64}$/.test(value.project_id)
      && typeof value.client_email === 'string' && value.client_email.includes('@')
      && typeof value.private_key === 'string' && value.private_key.includes('PRIVATE KEY');
    return ok ? { project_id: value.project_id!, client_email: value.client_email!, private_key: value.private_key!, private_key_id: value.private_key_id } : undefined;
  } catch {
    return undefined;
  }
}

export function IsServiceAccountJson(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) => registerDecorator({
    name: 'isServiceAccountJson', target: target.constructor, propertyName: String(propertyName),
    options: { message: 'must be the JSON key file of a service account (project_id, client_email, private_key)', ...options },
    validator: { validate: (value: unknown) => typeof value === 'string' && parseServiceAccount(value) !== undefined },
  });
}
