export const RESEND_LIMIT = 5;
export const RESEND_WINDOW_SECONDS = 24 * 3600;

export interface ResendState { resendCount: number; resendWindowStartedAt: Date | null }
export type ResendDecision =
  | { allowed: true; count: number; windowStartedAt: Date }
  | { allowed: false; retryAfterSeconds: number };

/** At most RESEND_LIMIT resends per 24 h window; the window starts at the first resend. */
export function nextResendState(state: ResendState, now: Date): ResendDecision {
  const start = state.resendWindowStartedAt;
  const windowOver = !start || now.getTime() - start.getTime() >= RESEND_WINDOW_SECONDS * 1000;
  if (windowOver) return { allowed: true, count: 1, windowStartedAt: now };
  if (state.resendCount < RESEND_LIMIT) return { allowed: true, count: state.resendCount + 1, windowStartedAt: start };
  const retryAfterSeconds = Math.max(1, Math.ceil((start.getTime() + RESEND_WINDOW_SECONDS * 1000 - now.getTime()) / 1000));
  return { allowed: false, retryAfterSeconds };
}
