/** What the gateway knows about the caller after checking the ticket in Redis. */
export interface SessionInfo {
  userId: string;
  name: string;
  currentParticipant: string;
  roles: string[];
  modules: string[];
  /** sha256 of the ticket: lets a service end this very session without ever seeing the ticket twice. */
  ticketHash: string;
}

export const SYSTEM_PARTICIPANT_ID = 'urn:authenticateit:participant:1';
export const SECURITY_ADMIN_ROLE = 'security_admin';
