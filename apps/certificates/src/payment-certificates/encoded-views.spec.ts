import { encodeCreatedViews } from './encoded-views.js';

describe('encodeCreatedViews', () => {
  it('gives the bytes JSON.stringify gives for the views', () => {
    const items = [
      { code: 'tab\there "quoted" \\ ünï ✓', is_active: true, value: 0 },
      { code: '\n\r\u0000\ud800', is_active: false, value: 2147483647 },
      { code: 'big', is_active: true, value: 1 },
    ];
    const ids = ['1', '9007199254740991', '12345678901234567890'];
    const views = items.map((item, i) => ({ id: Number(ids[i]), ...item }));
    expect(encodeCreatedViews(ids, items).bytes.toString()).toBe(JSON.stringify(views));
    expect(encodeCreatedViews([], []).bytes.toString()).toBe('[]');
  });
});
