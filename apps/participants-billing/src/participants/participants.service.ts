import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { BillingPlan, ParticipantContactField, ParticipantSummary, SetContactsDto } from '#libs/contracts';
import { PARTICIPANT_CONTACT_FIELDS, SYSTEM_PARTICIPANT_ID } from '#libs/contracts';
import { DomainError } from '#libs/errors';
import { BillingErrorCode, billingError, participantNotFound } from '../common/billing-errors.js';
import { LedgerService } from '../deposit/ledger.service.js';
import type { Participant } from './participant.entity.js';
import { ParticipantsRepository } from './participants.repository.js';
import { participantSummary, participantUrn } from './participant-views.js';

export interface NewParticipant {
  /** Only the seed gives one (1 = system participant); others come from the sequence. */
  number?: number;
  name: string;
  prefixes: string[];
  country?: string | null;
  modules: string[];
  participantType: string[];
  parent?: string | null;
  plan?: BillingPlan;
  trialFrom?: Date | null;
  trialTo?: Date | null;
  gs1ActivationCode?: string | null;
  brandNames?: string[];
  registeredBy?: string | null;
}

/** Default modules of a participant registered by a brand (product360). */
export const PRODUCT360_MODULES = ['product360'];

@Injectable()
export class ParticipantsService {
  constructor(
    private readonly repo: ParticipantsRepository,
    private readonly ledger: LedgerService,
  ) {}

  async findActive(id: string): Promise<Participant> {
    const found = await this.repo.findActive(id);
    if (!found) throw participantNotFound(id);
    return found;
  }

  async prefixesOf(ids: string[]): Promise<Map<string, string[]>> {
    const rows = ids.length ? await this.repo.prefixesOf(ids) : [];
    const byId = new Map<string, string[]>(ids.map((id) => [id, []]));
    for (const row of rows) byId.get(row.participantId)?.push(row.prefix);
    return byId;
  }

  async isPrefixTaken(prefix: string): Promise<boolean> {
    return this.repo.isPrefixTaken(prefix);
  }

  async summaries(ids: string[]): Promise<ParticipantSummary[]> {
    const unique = [...new Set(ids)].slice(0, 1000);
    if (unique.length === 0) return [];
    const found = await this.repo.findActiveByIds(unique);
    const prefixes = await this.prefixesOf(found.map((p) => p.id));
    const byId = new Map(found.map((p) => [p.id, p]));
    return unique.flatMap((id) => {
      const p = byId.get(id);
      return p ? [participantSummary(p, prefixes.get(id) ?? [])] : [];
    });
  }

  /** Sets (string) or clears (null) contact fields in one statement; answers every contact field now set. */
  async setContacts(id: string, body: SetContactsDto): Promise<Partial<Record<ParticipantContactField, string>>> {
    const given = PARTICIPANT_CONTACT_FIELDS.filter((f) => body[f] !== undefined);
    if (given.length === 0) throw DomainError.invalid(`Give at least one of ${PARTICIPANT_CONTACT_FIELDS.join(', ')}`);
    const set = Object.fromEntries(given.filter((f) => body[f] !== null).map((f) => [f, body[f]]));
    const cleared = given.filter((f) => body[f] === null);
    const contacts = await this.repo.setContacts(id, set, cleared);
    if (!contacts) throw participantNotFound(id);
    return Object.fromEntries(PARTICIPANT_CONTACT_FIELDS.filter((f) => typeof contacts[f] === 'string').map((f) => [f, contacts[f]]));
  }

  /** Creates the participant, its prefixes and its deposit account in one transaction. */
  async create(input: NewParticipant, outer?: EntityManager): Promise<Participant> {
    const run = async (manager: EntityManager) => {
      const number = input.number ?? (await this.repo.nextNumber(manager));
      const participant = await this.repo.insert(manager, {
        id: participantUrn(number), number: String(number), name: input.name, country: input.country ?? null,
        modules: input.modules, participantType: input.participantType,
        parent: input.parent === undefined ? SYSTEM_PARTICIPANT_ID : input.parent,
        contacts: {}, gs1ActivationCode: input.gs1ActivationCode ?? null, brandNames: input.brandNames ?? [],
        status: 'active', billingPlan: input.plan ?? 'custom', paidFrom: null, paidTo: null,
        trialFrom: input.trialFrom ?? null, trialTo: input.trialTo ?? null,
        billingUpdatedAt: new Date(), registeredBy: input.registeredBy ?? null, deletedAt: null,
      });
      await this.claimPrefixes(manager, participant.id, input.prefixes);
      await this.ledger.openAccount(manager, participant.id);
      return participant;
    };
    return outer ? run(outer) : this.repo.transaction(run);
  }

  private async claimPrefixes(manager: EntityManager, participantId: string, prefixes: string[]): Promise<void> {
    const unique = [...new Set(prefixes)];
    if (unique.length === 0) return;
    const taken = await this.repo.takenPrefixes(manager, unique);
    if (taken.length > 0) throw prefixTaken(taken);
    try {
      // Two registrations racing for one prefix: the primary key decides.
      await this.repo.insertPrefixes(manager, participantId, unique);
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw prefixTaken(unique);
      throw error;
    }
  }
}

function prefixTaken(prefixes: string[]) {
  return billingError(BillingErrorCode.PrefixTaken, 'Company prefix is already registered', { prefixes });
}
