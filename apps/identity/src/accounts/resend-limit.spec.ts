import { nextResendState, RESEND_LIMIT, RESEND_WINDOW_SECONDS } from './resend-limit.js';

describe('nextResendState', () => {
  const t0 = new Date('2026-01-01T00:00:00Z');

  it('opens a window on the first resend', () => {
    expect(nextResendState({ resendCount: 0, resendWindowStartedAt: null }, t0)).toEqual({ allowed: true, count: 1, windowStartedAt: t0 });
  });

  it('allows up to the limit within a window, then refuses until the window ends', () => {
    let state = { resendCount: 0, resendWindowStartedAt: null as Date | null };
    for (let i = 1; i <= RESEND_LIMIT; i++) {
      const d = nextResendState(state, new Date(t0.getTime() + i * 1000));
      if (!d.allowed) throw new Error(`refused resend ${i}`);
      state = { resendCount: d.count, resendWindowStartedAt: d.windowStartedAt };
    }
    const refused = nextResendState(state, new Date(t0.getTime() + 10_000));
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: RESEND_WINDOW_SECONDS - 9 });
  });

  it('starts a new window once the old one is over', () => {
    const later = new Date(t0.getTime() + RESEND_WINDOW_SECONDS * 1000);
    expect(nextResendState({ resendCount: RESEND_LIMIT, resendWindowStartedAt: t0 }, later)).toEqual({ allowed: true, count: 1, windowStartedAt: later });
  });
});
