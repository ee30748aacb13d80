import { Injectable } from '@nestjs/common';
import type { ParticipantMembershipView } from '#libs/contracts';
import type { MembershipEntity } from './membership.entity.js';
import { MembershipsRepository } from './memberships.repository.js';
import { ParticipantDirectory, ParticipantSummary } from './participant-directory.js';
import { isoSeconds } from '#libs/contracts';

@Injectable()
export class MembershipsService {
  constructor(private readonly memberships: MembershipsRepository, private readonly directory: ParticipantDirectory) {}

  /** Most recently used first; never-used ones by age. */
  listFor(userId: string): Promise<MembershipEntity[]> {
    return this.memberships.listForUser(userId);
  }

  find(userId: string, participantId: string): Promise<MembershipEntity | null> {
    return this.memberships.find(userId, participantId);
  }

  async touch(userId: string, participantId: string, at = new Date()): Promise<void> {
    await this.memberships.touch(userId, participantId, at);
  }

  summaries(ids: string[]): Promise<Map<string, ParticipantSummary>> {
    return this.directory.summaries(ids);
  }

  view(m: MembershipEntity, summary: ParticipantSummary | undefined): ParticipantMembershipView {
    return membershipView(m, summary);
  }

  /** Memberships as the docs list them: participant fields (when billing answers) plus roles and last access. */
  async views(memberships: MembershipEntity[]): Promise<ParticipantMembershipView[]> {
    const summaries = await this.directory.summaries(memberships.map((m) => m.participantId));
    return memberships.map((m) => membershipView(m, summaries.get(m.participantId)));
  }
}

/**
 * Fields of a participant in switch-context's answer that billing may not know (contacts,
 * parent): sent as null then, so every documented key is there.
 */
const NULLABLE_PARTICIPANT_FIELDS = ['address', 'city', 'contact', 'country', 'email', 'facebook_url', 'logo', 'parent', 'phone', 'post_code'] as const;

export function membershipView(m: MembershipEntity, summary: ParticipantSummary | undefined): ParticipantMembershipView {
  const view: ParticipantMembershipView = { ...(summary ?? {}), id: m.participantId, roles: [...m.roles] };
  for (const field of NULLABLE_PARTICIPANT_FIELDS) view[field] ??= null;
  view.last_access = m.lastAccess ? isoSeconds(m.lastAccess) : null;
  return view;
}

