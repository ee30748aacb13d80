import { UserEntity } from '../accounts/user.entity.js';
import { ActivationEntity } from '../accounts/activation.entity.js';
import { MembershipEntity } from '../memberships/membership.entity.js';
import { CreateIdentitySchema1767225600000 } from '../migrations/1767225600000-CreateIdentitySchema.js';

export const IDENTITY_SCHEMA = 'identity';
export const IDENTITY_ENTITIES = [UserEntity, ActivationEntity, MembershipEntity];
/** Listed explicitly (no globs): the build output and the CLI see the same set. */
export const IDENTITY_MIGRATIONS = [CreateIdentitySchema1767225600000];
