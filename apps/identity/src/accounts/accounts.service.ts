import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { AccountAnswerView, AccountLevelInfo, AccountCheckView, AccountCreatedView, AccountView, ProfileView } from '#libs/contracts';
import { IdentityEnv } from '../config/identity-env.js';
import { MailPort } from '../mail/mail.port.js';
import { activationLink, activationMail } from '../mail/activation-mail.js';
import { MembershipsService } from '../memberships/memberships.service.js';
import { AccountError, accountError } from './account-errors.js';
import { createdView, displayName, membershipsOf, profileOf, profileView } from './account-views.js';
import { ActivationsRepository } from './activations.repository.js';
import { PasswordHasher } from './password-hasher.js';
import { hashCode, newActivationCode } from './secrets.js';
import type { UserEntity } from './user.entity.js';
import { UsersRepository } from './users.repository.js';
import { Transactions } from '../database/transactions.js';
import { normalizeEmail, userUrn } from './user-id.js';
import { nextResendState, RESEND_LIMIT } from './resend-limit.js';
import { AccountSummaryClient } from './account-summary.client.js';
import { PhoneCodeStore } from '../phone/phone-code.store.js';
import { RequestLimits } from '../security/request-limits.js';
import { DomainError } from '#libs/errors';
import { RawJson } from '#libs/transport';
import { IdentityEvents } from './identity-events.js';
import { AccountCache } from './account-cache.js';
import { AccountReadRepository } from './account-read.repository.js';
import { PendingParticipantsRepository } from '../pending-participants/pending-participants.repository.js';
import { CreateAccountDto } from '#libs/contracts';

const UNIQUE_VIOLATION = '23505';

/** Profile fields of the shorter account answer (accountAnswer), besides id and address2. */
/** GET /account's answer: the profile with rewards' fields and coins when known. */
type FullAccountView = AccountView & Partial<AccountLevelInfo> & { coins?: string };

const ACCOUNT_ANSWER_FIELDS = ['city', 'email', 'first_name', 'language', 'last_name', 'phone'] as const;

@Injectable()
export class AccountsService {
  private readonly logger = new Logger(AccountsService.name);
  constructor(
    private readonly users: UsersRepository,
    private readonly activations: ActivationsRepository,
    private readonly transactions: Transactions,
    private readonly env: IdentityEnv,
    private readonly hasher: PasswordHasher,
    private readonly mail: MailPort,
    private readonly memberships: MembershipsService,
    private readonly summaryClient: AccountSummaryClient,
    private readonly phoneCodes: PhoneCodeStore,
    private readonly limits: RequestLimits,
    private readonly events: IdentityEvents,
    private readonly reader: AccountReadRepository,
    private readonly cache: AccountCache,
    private readonly pending: PendingParticipantsRepository,
  ) {}

  async create(dto: CreateAccountDto, ip?: string): Promise<AccountCreatedView> {
    if (dto.reg_type === 'phone') return this.createPhoneAccount(dto, ip);
    const email = normalizeEmail(dto.email!);
    const user = this.users.build({
      id: userUrn('email', email), regType: 'email', email, phone: dto.phone ?? null,
      passwordHash: await this.hasher.hash(dto.password, ip),
      firstName: dto.first_name ?? null, lastName: dto.last_name ?? null, gender: dto.gender ?? null,
      birthdate: dto.birthdate ?? null, photo: dto.photo ?? null, country: dto.country ?? null,
      language: dto.language ?? null, city: dto.city ?? null, postCode: dto.post_code ?? null,
      address1: dto.address1 ?? null, address2: dto.address2 ?? null, jobTitle: dto.job_title ?? null,
      activatedAt: null, blockedAt: null,
    });
    const code = newActivationCode();
    try {
      await this.transactions.run(async (tx) => {
        await this.users.insert(user, tx);
        await this.activations.insert(tx, { userId: user.id, codeHash: hashCode(code), resendToken: randomUUID(), resendCount: 0, resendWindowStartedAt: null });
        if (dto.pending_participant) await this.pending.saveDraft(user.id, { ...dto.pending_participant }, tx);
      });
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw accountError(AccountError.UserExists);
      throw error;
    }
    await this.events.userProfile(await this.users.findByIdOrFail(user.id));
    await this.sendActivation(user, code);
    const view = createdView(user);
    // The doc: the response includes the pending_participant object (no technical email is known yet).
    return dto.pending_participant ? { ...view, pending_participant: { ...dto.pending_participant, tech_email_used: false } } : view;
  }

  /** `reg_type: phone`: the phone is the login; an SMS code activates the account (phone/verify_code). */
  private async createPhoneAccount(dto: CreateAccountDto, ip?: string): Promise<AccountCreatedView> {
    if (!dto.phone) throw DomainError.invalid('Invalid request', [{ field: 'phone', errors: ['phone is required when reg_type is phone'] }]);
    const phone = dto.phone;
    const user = this.users.build({
      id: userUrn('phone', phone), regType: 'phone', email: dto.email ? normalizeEmail(dto.email) : null, phone,
      passwordHash: await this.hasher.hash(dto.password, ip),
      firstName: dto.first_name ?? null, lastName: dto.last_name ?? null, gender: dto.gender ?? null,
      birthdate: dto.birthdate ?? null, photo: dto.photo ?? null, country: dto.country ?? null,
      language: dto.language ?? null, city: dto.city ?? null, postCode: dto.post_code ?? null,
      address1: dto.address1 ?? null, address2: dto.address2 ?? null, jobTitle: dto.job_title ?? null,
      phoneVerified: false, activatedAt: null, blockedAt: null,
    });
    if (await this.users.existsById(user.id)) throw accountError(AccountError.UserExists);
    // The SMS limits are checked first: held back (429), nothing is created.
    await this.limits.codeRequestFromIp(ip);
    await this.limits.smsToPhone(phone);
    try {
      await this.users.insert(user);
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw accountError(AccountError.UserExists);
      throw error;
    }
    await this.events.userProfile(await this.users.findByIdOrFail(user.id));
    // A provider failure keeps the account: phone/send_code asks again.
    try {
      await this.phoneCodes.send('activation', phone, phone);
    } catch (error) {
      this.logger.warn(`activation SMS for ${user.id} not sent: ${(error as Error).message}`);
    }
    return createdView(user);
  }

  async activate(code: string): Promise<ProfileView> {
    const activation = code ? await this.activations.findByCodeHash(hashCode(code)) : null;
    if (!activation) throw accountError(AccountError.ActivationCodeUnknown);
    const user = await this.transactions.run(async (tx) => {
      await this.users.update(activation.userId, { activatedAt: new Date() }, tx);
      await this.activations.deleteForUser(tx, activation.userId);
      return this.users.findByIdOrFail(activation.userId, tx);
    });
    return profileView(user);
  }

  /** New code, same token; at most RESEND_LIMIT mails per window. */
  async resendActivation(token: string, now = new Date()): Promise<Record<string, never>> {
    const activation = await this.activations.findByResendToken(token);
    if (!activation) throw accountError(AccountError.ResendTokenUnknown);
    const state = nextResendState(activation, now);
    if (!state.allowed) throw accountError(AccountError.ResendLimitReached, { retryAfter: state.retryAfterSeconds, details: { limit: RESEND_LIMIT } });
    const code = newActivationCode();
    // Conditional on the count we read, so two concurrent resends cannot both pass the limit.
    const replaced = await this.activations.replaceCode(activation.userId, activation.resendCount,
      { codeHash: hashCode(code), resendCount: state.count, resendWindowStartedAt: state.windowStartedAt });
    if (!replaced) throw accountError(AccountError.ResendLimitReached, { retryAfter: 1 });
    const user = await this.users.findByIdOrFail(activation.userId);
    await this.sendActivation(user, code);
    return {};
  }

  /** The resend token of a not yet activated account (sign-in answers it instead of a ticket). */
  async resendTokenFor(userId: string): Promise<string | null> {
    const activation = await this.activations.findByUser(userId);
    return activation?.resendToken ?? null;
  }

  async findByEmail(email: string): Promise<UserEntity | null> {
    return this.users.findByEmailLogin(normalizeEmail(email));
  }

  async findByPhone(phone: string): Promise<UserEntity | null> {
    return this.users.findByPhoneLogin(phone);
  }

  async findById(id: string): Promise<UserEntity | null> {
    return this.users.findById(id);
  }

  async setLocale(userId: string, locale: { country?: string; language?: string }): Promise<void> {
    const patch: Partial<UserEntity> = {};
    if (locale.country) patch.country = locale.country;
    if (locale.language) patch.language = locale.language;
    if (Object.keys(patch).length > 0) await this.users.update(userId, patch);
  }

  async check(email: string): Promise<AccountCheckView> {
    const user = await this.findByEmail(email);
    if (!user) throw accountError(AccountError.UserNotFound);
    const view: AccountCheckView = {};
    if (user.firstName) view.first_name = user.firstName;
    if (user.lastName) view.last_name = user.lastName;
    return view;
  }

  /**
   * GET /account's answer: encoded once and kept (AccountCache) when made wholly from our own
   * tables, so a repeated read is its bytes; what a hop fetched is stored and announced first.
   */
  async accountRead(userId: string): Promise<RawJson | FullAccountView> {
    const cached = this.cache.get(userId);
    if (cached) return cached;
    const mark = this.cache.mark();
    const { answer, keepUntil } = await this.readProfile(userId);
    if (!keepUntil) return answer;
    const encoded = RawJson.fromText(JSON.stringify(answer));
    this.cache.keep(userId, mark, encoded, keepUntil);
    return encoded;
  }

  /**
   * GET /account from identity's own tables in one statement: profile, memberships with their
   * participants, and rewards' summary (coins, level_info, dashboard_info) kept fresh by events.
   * Only a summary we do not have, or whose texts have expired (a new local day), costs a hop to
   * rewards; without rewards (and no copy) those fields and coins are left out.
   */
  private async readProfile(userId: string): Promise<{ answer: FullAccountView; keepUntil?: Date }> {
    const row = await this.reader.read(userId);
    if (!row) throw accountError(AccountError.UserNotFound);
    const unknown = row.memberships.filter((m) => !m.summary).map((m) => m.participant_id);
    const fresh = row.level_info !== null && row.valid_until !== null && new Date(row.valid_until) > new Date();
    const [summaries, asked] = await Promise.all([
      unknown.length > 0 ? this.memberships.summaries(unknown) : new Map(),
      fresh ? undefined : this.summaryClient.refresh(userId),
    ]);
    const rewards = asked ?? (fresh ? { level_info: row.level_info!, dashboard_info: row.dashboard_info!, coins: row.coins! } : undefined);
    const answer: FullAccountView = {
      id: row.id, reg_type: row.reg_type, ...profileOf(row), reviews_karma: 0,
      ...(rewards ? { level_info: rewards.level_info, dashboard_info: rewards.dashboard_info } : {}),
      participants: membershipsOf(row, summaries),
      ...(rewards ? { coins: rewards.coins } : {}),
    };
    return { answer, ...(fresh && unknown.length === 0 ? { keepUntil: new Date(row.valid_until!) } : {}) };
  }

  /**
   * The shorter account answer of DELETE /account/customer and POST /account/restore/:code, as
   * their examples show it: the user's names and contacts (`address2` always, "" when unset),
   * each participant's id, name, roles and last access, and the coins.
   */
  async accountAnswer(userId: string): Promise<AccountAnswerView> {
    const { answer: full } = await this.readProfile(userId);
    const view: Record<string, unknown> = { id: full.id };
    for (const field of ACCOUNT_ANSWER_FIELDS) if (full[field] !== undefined) view[field] = full[field];
    view.address2 = full.address2 ?? '';
    view.participants = full.participants.map((p) => ({ id: p.id, last_access: p.last_access ?? null, name: p.name ?? null, roles: p.roles }));
    view.coins = full.coins ?? null;
    return view as unknown as AccountAnswerView;
  }

  registrationTypes(): { types: string[] } {
    return { types: this.env.REGISTRATION_TYPES.split(',').map((t) => t.trim()).filter(Boolean) };
  }

  /** A failed mail does not undo the account: the user can ask for a resend. */
  private async sendActivation(user: UserEntity, code: string): Promise<void> {
    const link = activationLink(this.env.PUBLIC_BASE_URL, code);
    try {
      await this.mail.send(activationMail(user.email!, displayName(user) === user.email ? null : displayName(user), link));
    } catch (error) {
      this.logger.error(`activation mail to ${user.id} failed: ${(error as Error).message}`);
    }
  }
}
