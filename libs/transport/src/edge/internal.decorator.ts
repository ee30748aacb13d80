import { SetMetadata } from '@nestjs/common';
import type { InternalPolicy } from './caller-policy.js';

export const INTERNAL_POLICY = 'edge:internal-policy';

/**
 * Marks a message handler as internal: only our services send it (sealed entries; the route
 * table does not list it). `from` narrows the senders, `session` demands a forwarded session.
 */
export const Internal = (policy: InternalPolicy = {}): MethodDecorator => SetMetadata(INTERNAL_POLICY, policy);
