import { IsString, Matches, MaxLength } from 'class-validator';
import { PARTICIPANT_ID, PARTICIPANT_ID_MESSAGE, USER_ID, USER_ID_MESSAGE } from '../rules.js';

/** The longest id any service takes (an email login alone may be 254 characters). */
export const ID_MAX_LENGTH = 300;

function idRule(pattern: RegExp, message: string): PropertyDecorator {
  const rules = [IsString(), MaxLength(ID_MAX_LENGTH), Matches(pattern, { message })];
  return (target, key) => rules.forEach((rule) => rule(target, key));
}

/** A user id: `urn:authenticateit:user:<reg_type>:<login>`, the same rule and message in every service. */
export const IsUserId = (): PropertyDecorator => idRule(USER_ID, USER_ID_MESSAGE);

/** A participant id: `urn:authenticateit:participant:<n>`. */
export const IsParticipantId = (): PropertyDecorator => idRule(PARTICIPANT_ID, PARTICIPANT_ID_MESSAGE);
