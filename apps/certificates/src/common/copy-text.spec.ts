import { copyField } from './copy-text.js';

describe('copyField', () => {
  it('escapes what COPY text format gives a meaning to, and nothing else', () => {
    expect(copyField('GIFT-2024')).toBe('GIFT-2024');
    expect(copyField('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyField('\\N')).toBe('\\\\N');
    expect(copyField('ünï "quoted" , ;')).toBe('ünï "quoted" , ;');
  });
});
