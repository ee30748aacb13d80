import { HTTP_ROUTES, IdentityPattern, CertificatesPattern, BillingPattern } from '#libs/contracts';
import { loadConfig } from '#libs/config';
import { GatewayEnv } from '../config/gateway-env.js';
import { limitSpecs } from './rate-limits.js';
import { parseRateLimit } from './rate-limit-spec.js';
import { RATE_CLASSES, rateClassOf } from './route-classes.js';

const classOf = (pattern: string) => rateClassOf(HTTP_ROUTES.find((r) => r.pattern === pattern)!);

describe('rate classes of the routes', () => {
  it('puts credential checks, code sending, account creation and the external API in their own classes', () => {
    expect(classOf(IdentityPattern.SessionCreate)).toBe('sign-in');
    expect(classOf(IdentityPattern.PasswordRestore)).toBe('sign-in');
    expect(classOf(IdentityPattern.PhoneVerifyCode)).toBe('sign-in');
    expect(classOf(IdentityPattern.PhoneSendCode)).toBe('code-sending');
    expect(classOf(IdentityPattern.PasswordRestoreRequest)).toBe('code-sending');
    expect(classOf(IdentityPattern.AccountCreate)).toBe('account-creation');
    expect(classOf(BillingPattern.ParticipantRegister)).toBe('account-creation');
    expect(classOf(CertificatesPattern.PaymentBulkCreate)).toBe('external-api');
    expect(classOf(IdentityPattern.AccountGet)).toBe('reads');
    expect(classOf(IdentityPattern.AccountUpdate)).toBe('writes');
  });

  it('every route has a class, and every class a valid default limit', () => {
    for (const route of HTTP_ROUTES) expect(RATE_CLASSES).toContain(rateClassOf(route));
    const specs = limitSpecs(loadConfig(GatewayEnv, {}));
    expect([...specs.keys()]).toEqual([...RATE_CLASSES]);
    for (const spec of specs.values()) expect(spec.max).toBeGreaterThan(0);
  });

  it('parses <max>/<seconds>', () => {
    expect(parseRateLimit('30/60')).toEqual({ max: 30, windowSeconds: 60 });
    expect(parseRateLimit('0/60')).toEqual({ max: 0, windowSeconds: 60 });
    for (const bad of ['30', '30/0', '-1/60', '30/60s', 'lots']) expect(parseRateLimit(bad)).toBeUndefined();
  });
});
