/** Roles of a session without any participant membership (a consumer). */
export const CONSUMER_ROLES = ['user'];
