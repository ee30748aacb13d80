import { activationLink, activationMail } from './activation-mail.js';

describe('activation mail', () => {
  it('links to the public activation route', () => {
    expect(activationLink('https://api.example.com/', 'abc_-1')).toBe('https://api.example.com/identity-service/account/activate/abc_-1');
  });

  it('escapes the name in the html part', () => {
    const mail = activationMail('a@b.co', '<b>x</b>', 'http://h/identity-service/account/activate/c');
    expect(mail.html).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(mail.text).toContain('http://h/identity-service/account/activate/c');
  });
});
