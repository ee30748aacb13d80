import { intentState, nextStatus } from './intent-state.js';

describe('intentState', () => {
  it('maps the PaymentIntent statuses', () => {
    expect(intentState({ status: 'succeeded' })).toBe('succeeded');
    expect(intentState({ status: 'processing' })).toBe('processing');
    expect(intentState({ status: 'requires_capture' })).toBe('processing');
    expect(intentState({ status: 'requires_action' })).toBe('requires_action');
    expect(intentState({ status: 'canceled' })).toBe('failed');
    expect(intentState({ status: 'requires_confirmation' })).toBe('pending');
    expect(intentState({ status: 'requires_payment_method' })).toBe('pending');
  });

  it('tells a decline from an authentication the card holder must give', () => {
    expect(intentState({ status: 'requires_payment_method', last_payment_error: { code: 'card_declined', decline_code: 'generic_decline' } })).toBe('failed');
    expect(intentState({ status: 'requires_payment_method', last_payment_error: { code: 'authentication_required' } })).toBe('requires_action');
    expect(intentState({ status: 'requires_payment_method', last_payment_error: { code: 'card_declined', decline_code: 'authentication_required' } })).toBe('requires_action');
  });
});

describe('nextStatus', () => {
  it('never moves a settled payment back, whatever arrives late', () => {
    expect(nextStatus('succeeded', 'processing')).toBe('succeeded');
    expect(nextStatus('succeeded', 'failed')).toBe('succeeded');
    expect(nextStatus('refunded', 'succeeded')).toBe('refunded');
  });

  it('takes the news otherwise, including a late success after an authentication', () => {
    expect(nextStatus('pending', 'processing')).toBe('processing');
    expect(nextStatus('processing', 'succeeded')).toBe('succeeded');
    expect(nextStatus('requires_action', 'succeeded')).toBe('succeeded');
    expect(nextStatus('processing', 'failed')).toBe('failed');
  });
});
