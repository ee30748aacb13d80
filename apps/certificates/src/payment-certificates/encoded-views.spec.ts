import { encodePaymentViews } from './encoded-views.js';

describe('encodePaymentViews', () => {
  it('gives the bytes JSON.stringify gives', () => {
    const views = [
      { id: 1, code: 'tab\there "quoted" \\ ünï ✓', is_active: true, value: 0 },
      { id: 9007199254740991, code: '\n\r\u0000', is_active: false, value: 2147483647 },
    ];
    expect(encodePaymentViews(views).bytes.toString()).toBe(JSON.stringify(views));
    expect(encodePaymentViews([]).bytes.toString()).toBe('[]');
  });
});
