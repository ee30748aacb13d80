// Request DTO classes (class-validator): the one declaration of every input a handler validates
// (`@Body/@Query/@Params/@Message(Dto)` of libs/transport), also the type its senders use.
export * from './field-rules.js';
export * from './identity/profile.dto.js';
export * from './identity/account.dto.js';
export * from './identity/session.dto.js';
export * from './identity/oauth.dto.js';
export * from './identity/roles.js';
export * from './identity/membership.dto.js';
export * from './identity/users-admin.dto.js';
export * from './identity/pending-participant.dto.js';
export * from './identity/phone.dto.js';
export * from './identity/device.dto.js';
export * from './identity/merge.dto.js';
export * from './participants-billing/participant.dto.js';
export * from './participants-billing/participant-contacts.dto.js';
export * from './participants-billing/participant-list.dto.js';
export * from './participants-billing/stripe.dto.js';
export * from './participants-billing/payment.dto.js';
export * from './participants-billing/deposit.dto.js';
export * from './participants-billing/deletion.dto.js';
export * from './rewards/admin.dto.js';
export * from './rewards/input.dto.js';
export * from './rewards/user.dto.js';
export * from './certificates/api-key.dto.js';
export * from './certificates/user-certificate.dto.js';
export * from './audit/audit.dto.js';
