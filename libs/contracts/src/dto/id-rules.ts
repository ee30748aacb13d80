import { IsString, Matches, MaxLength, type ValidationOptions } from 'class-validator';
import { PARTICIPANT_ID, PARTICIPANT_ID_MESSAGE, USER_ID, USER_ID_MESSAGE } from '../rules.js';

/** The longest id any service takes (an email login alone may be 254 characters). */
export const ID_MAX_LENGTH = 300;

/** `options` as class-validator's (e.g. `each` for a list); without a message of its own, the rule's message. */
function idRule(pattern: RegExp, message: string, options: ValidationOptions = {}): PropertyDecorator {
  const rules = [IsString(options), MaxLength(ID_MAX_LENGTH, options), Matches(pattern, { message, ...options })];
  return (target, key) => rules.forEach((rule) => rule(target, key));
}

/** A user id: `urn:authenticateit:user:<reg_type>:<login>`, the same rule and message in every service. */
export const IsUserId = (options?: ValidationOptions): PropertyDecorator => idRule(USER_ID, USER_ID_MESSAGE, options);

/** A participant id: `urn:authenticateit:participant:<n>`. */
export const IsParticipantId = (options?: ValidationOptions): PropertyDecorator => idRule(PARTICIPANT_ID, PARTICIPANT_ID_MESSAGE, options);
