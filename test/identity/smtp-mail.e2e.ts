import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { SYSTEM_PARTICIPANT_ID, IdentityPattern } from '#libs/contracts';
import { activationCodeFromMime, ADMIN_EMAIL, type IdentityHarness, outboxFiles, startIdentity } from './identity-process.js';

interface Received { from: string; to: string[]; data: string }

/** A local SMTP stand-in speaking the real protocol. */
async function startSmtp(): Promise<{ port: number; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => { data += chunk.toString('utf8'); });
      stream.on('end', () => {
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), data });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let id: IdentityHarness;

beforeAll(async () => {
  smtp = await startSmtp();
  // A first start (outbox) then a restart on the same database: the seed must run twice safely.
  await (await startIdentity()).stop();
  id = await startIdentity({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: 'Rewards <no-reply@rewards.test>', REGISTRATION_TYPES: 'phone,email' });
});
afterAll(async () => {
  await id?.stop();
  await smtp?.close();
});

describe('identity with SMTP_URL', () => {
  it('sends the activation mail over SMTP, not to the outbox, and the link activates', async () => {
    const email = `smtp-${Date.now()}@bar.com`;
    await id.call(IdentityPattern.AccountCreate, { body: { email, password: 'secret-1', first_name: 'Smtp' } });
    const mail = smtp.received.find((m) => m.to.includes(email));
    expect(mail).toBeDefined();
    expect(mail!.from).toBe('no-reply@rewards.test');
    expect(mail!.data).toMatch(/^Subject: Activate your account/m);
    expect(outboxFiles(id.outboxDir)).toEqual([]);
    const code = activationCodeFromMime(mail!.data)!;
    expect(await id.call(IdentityPattern.AccountActivate, { params: { activation_code: code } })).toEqual({ email, first_name: 'Smtp' });
    const session = await id.call<{ ticket?: string }>(IdentityPattern.SessionCreate, { body: { email, password: 'secret-1' } });
    expect(session.ticket).toBeDefined();
  });

  it('reads REGISTRATION_TYPES from the environment', async () => {
    expect(await id.call(IdentityPattern.AccountRegistrationTypes)).toEqual({ types: ['phone', 'email'] });
  });

  it('seeds the first admin only once across restarts', async () => {
    expect(await id.count('SELECT count(*) FROM identity.users WHERE email = $1', [ADMIN_EMAIL])).toBe(1);
    expect(await id.count('SELECT count(*) FROM identity.memberships WHERE participant_id = $1 AND user_id = $2',
      [SYSTEM_PARTICIPANT_ID, `urn:authenticateit:user:email:${ADMIN_EMAIL}`])).toBe(1);
  });
});
