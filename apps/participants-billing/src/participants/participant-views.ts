import type { ParticipantSummary } from '#libs/contracts';
import type { Participant } from './participant.entity.js';

export function participantSummary(p: Participant, prefixes: string[]): ParticipantSummary {
  return {
    ...p.contacts,
    company_prefix: prefixes,
    ...(p.country ? { country: p.country } : {}),
    id: p.id,
    modules: p.modules,
    name: p.name,
    ...(p.parent ? { parent: p.parent } : {}),
    participant_type: p.participantType,
  };
}

export const participantUrn = (n: string | number | bigint) => `urn:authenticateit:participant:${n}`;
