import { IsString, Matches, MaxLength, type ValidationOptions } from 'class-validator';
import {
  COIN_STRING, COINS_MESSAGE, PARTICIPANT_ID, PARTICIPANT_ID_MESSAGE, POSITIVE_COIN_STRING, POSITIVE_COINS_MESSAGE, USER_ID, USER_ID_MESSAGE,
} from '../rules.js';

/** The longest id any service takes (an email login alone may be 254 characters). */
export const ID_MAX_LENGTH = 300;

/** `options` as class-validator's (e.g. `each` for a list); without a message of its own, the rule's message. */
function textRule(limits: PropertyDecorator[], pattern: RegExp, message: string, options: ValidationOptions = {}): PropertyDecorator {
  const rules = [IsString({ message, ...options }), ...limits, Matches(pattern, { message, ...options })];
  return (target, key) => rules.forEach((rule) => rule(target, key));
}

/** A user id: `urn:authenticateit:user:<reg_type>:<login>`, the same rule and message in every service. */
export const IsUserId = (options?: ValidationOptions): PropertyDecorator => textRule([MaxLength(ID_MAX_LENGTH, options)], USER_ID, USER_ID_MESSAGE, options);

/** A participant id: `urn:authenticateit:participant:<n>`. */
export const IsParticipantId = (options?: ValidationOptions): PropertyDecorator =>
  textRule([MaxLength(ID_MAX_LENGTH, options)], PARTICIPANT_ID, PARTICIPANT_ID_MESSAGE, options);

/** Coins: an 18-decimal integer amount as a string (`"1000000000000000000"` is one coin), 0 or more; `positive` refuses 0. */
export const IsCoins = ({ positive = false, ...options }: ValidationOptions & { positive?: boolean } = {}): PropertyDecorator =>
  textRule([], positive ? POSITIVE_COIN_STRING : COIN_STRING, positive ? POSITIVE_COINS_MESSAGE : COINS_MESSAGE, options);
