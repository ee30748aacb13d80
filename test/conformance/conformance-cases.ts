// One request per documented example answer (ROUTE_DOCS row → its responses, in order), made
// the way the documents' example request makes it, against the data of conformance-world.
import { randomUUID } from 'node:crypto';
import { RewardsPattern } from '#libs/contracts';
import { http } from '../support/system.js';
import { signIn, SYSTEM_PARTICIPANT, withTicket } from '../support/trust-callers.js';
import { type Answer, eventually } from '../journeys/journey-support.js';
import { restoreCodeFromText } from '../../apps/identity/src/mail/restore-mail.js';
import { lastMailTo } from '../support/system.js';
import { FULL_PROFILE, HASH, phoneNumber, type World } from './conformance-world.js';

export type Case = (w: World) => Promise<Answer>;

const I = '/identity-service';
const enc = encodeURIComponent;

async function sysPost(w: World, path: string, body: unknown) {
  return w.adminPost(path, body);
}

async function phoneSignedIn(w: World) {
  const { phone, password } = await w.phoneAccount();
  await w.call('POST', `${I}/account/phone/verify_code`, { body: { phone, code: w.smsCode(phone) } });
  const s = await w.call('POST', `${I}/session`, { body: { phone, password } });
  return { phone, ticket: s.body.ticket as string, userId: s.body.id as string };
}

/** Cases by row; the n-th case answers the n-th documented response of the row. */
export const CASES: Record<string, Case[]> = {
  '1': [
    async (w) => { const r = await w.rich(); return w.call('POST', `${I}/session`, { body: { email: r.email, password: r.password, country: '036', language: 'en' } }); },
    async (w) => { const a = await w.pendingAccount(); return w.call('POST', `${I}/session`, { body: { email: a.email, password: a.password } }); },
  ],
  '2': [async (w) => w.call('GET', `${I}/session`, { ticket: (await w.rich()).ticket })],
  '4': [async (w) => { const r = await w.rich(); return w.call('POST', `${I}/session/switch-context`, { ticket: r.ticket, body: { new_participant: r.participantId } }); }],
  // Another card holder than the rich user, whose card users/get (#38) shows.
  '6': [async (w) => w.call('DELETE', `${I}/account/customer/`, { ticket: (await w.brandAdmin('conformance-card')).ticket })],
  '10': [async (w) => {
    const r = await w.rich();
    const colleague = await w.user('conformance-colleague');
    await w.call('POST', `${I}/nominate`, { ticket: r.ticket, body: { id: colleague.userId, current_participant: r.participantId, role: ['serialization_viewer', 'supply_chain', 'product_line', 'user'] } });
    return w.call('POST', `${I}/nominate/delete`, { ticket: r.ticket, body: { id: colleague.userId, current_participant: r.participantId, role: ['user'] } });
  }],
  '11': [async (w) => ({ status: 200, body: (await w.pendingAccount()).created, headers: new Headers() })],
  '12': [
    async (w) => {
      const token = `fb-${randomUUID()}`;
      await w.register('facebook', token, { id: String(Date.now()), name: 'John Doe', email: `${randomUUID()}@fb.test` });
      return w.call('POST', `${I}/account/oauth`, { body: { service: 'facebook', access_token: token, country: '036', language: 'en' } });
    },
    async (w) => {
      const token = `fb-${randomUUID()}`;
      await w.register('facebook', token, { id: String(Date.now() + 1), name: 'Ivan Vasilev' });
      const answer = await http(w.sys.baseUrl, 'POST', `${I}/account/oauth`, {
        headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `service=facebook&token=${enc(token)}&country=036&language=en`,
      });
      return answer as Answer;
    },
  ],
  '14': [async (w) => {
    const primary = await w.user('conformance-merge');
    const secondary = await phoneSignedIn(w);
    await w.call('POST', `${I}/account/merge`, { ticket: primary.ticket, body: { secondary_ticket: secondary.ticket }, expect: [200, 204] });
    return w.call('GET', `${I}/account/merge`, { ticket: primary.ticket });
  }],
  '15': [
    async (w) => { const { phone } = await w.phoneAccount(); return w.call('POST', `${I}/account/phone/verify_code`, { body: { phone, code: w.smsCode(phone) } }); },
    async (w) => {
      const { phone } = await phoneSignedIn(w);
      await w.call('POST', `${I}/account/phone/send_code`, { body: { phone, reset_password: true } });
      return w.call('POST', `${I}/account/phone/verify_code`, { body: { phone, code: w.smsCode(phone), reset_password: true } });
    },
  ],
  '18': [async (w) => w.call('GET', `${I}/account/activate/${(await w.pendingAccount()).code}`)],
  '20': [async (w) => {
    const a = await w.pendingAccount();
    await w.call('GET', `${I}/account/activate/${a.code}`);
    const s = await signIn(w.sys, a.email, a.password);
    const phone = phoneNumber();
    await w.call('PUT', `${I}/account`, { ticket: s.ticket, body: { phone } });
    await w.call('POST', `${I}/account/verifications/phone`, { ticket: s.ticket });
    return w.call('GET', `${I}/account/verifications/phone/${w.smsCode(phone)}`, { ticket: s.ticket });
  }],
  '21': [
    async (w) => w.call('GET', `${I}/account`, { ticket: (await w.rich()).ticket }),
    async (w) => w.call('GET', `${I}/account`, { ticket: (await w.rich()).ticket }),
  ],
  '23': [async (w) => w.call('PUT', `${I}/account`, { ticket: (await w.rich()).ticket, body: { ...FULL_PROFILE, address2: 'Unit 2' } })],
  '24': [async (w) => w.call('PUT', `${I}/account/settings`, {
    ticket: (await w.rich()).ticket, body: { notify_on_buddies: true, notify_on_reviews: true, notify_on_rewards: true, remind_to_scan: true, reminders_notifications: true },
  })],
  '25': [async (w) => w.call('POST', `${I}/account/restore`, { body: { email: (await w.user('conformance-restore')).email } })],
  '26': [async (w) => {
    const r = await w.rich();
    await w.call('POST', `${I}/account/restore`, { body: { email: r.email } });
    const code = restoreCodeFromText(lastMailTo(w.sys.outboxDir, r.email)!.replace(/=\r?\n/g, ''))!;
    const answer = await w.call('POST', `${I}/account/restore/${code}`, { body: { password: r.password } });
    r.ticket = (await signIn(w.sys, r.email, r.password)).ticket; // the restore ended every session
    return answer;
  }],
  '27': [async (w) => w.call('POST', `${I}/account/check`, { body: { email: (await w.rich()).email } })],
  '29': [async (w) => w.call('GET', `${I}/account/level`, { ticket: (await w.rich()).ticket })],
  '30': [async (w) => w.call('GET', `${I}/account/earnings`, { ticket: (await w.rich()).ticket })],
  '31': [async (w) => w.call('GET', `${I}/account/registration_types`)],
  '34': [async (w) => w.call('POST', `${I}/account/participant`, {
    ticket: (await w.user('conformance-participant')).ticket,
    body: { country: '036', company_prefix: `9${String(Date.now()).slice(-9)}`, participant_type: 'product360', name: 'Participant Name', brand_name: ['Brand_1', 'Brand_2'], pending_plan: 'complete', gs1_activation_code: 'code' },
  })],
  '36': [async (w) => http(w.sys.baseUrl, 'GET', `${I}/current_country`) as Promise<Answer>],
  '37': [async (w) => w.call('GET', `${I}/geolocation?ip=91.185.64.113`)],
  '38': [
    async (w) => sysPost(w, `${I}/users/get`, { email: (await w.rich()).email, order_by: 'first_name', order_type: 'desc', limit: 2, offset: 0 }),
    async (w) => sysPost(w, `${I}/users/get`, { id: (await w.rich()).userId }),
  ],
  '39': [
    async (w) => sysPost(w, `${I}/user/scans`, { id: (await w.rich()).userId, limit: 2 }),
    async (w) => {
      const id = (await w.rich()).userId;
      const list = await sysPost(w, `${I}/user/scans`, { id, limit: 1 });
      return sysPost(w, `${I}/user/scans`, { id, scan_id: list.body.data[0].id });
    },
  ],
  '40': [async (w) => sysPost(w, `${I}/user/notification_settings`, { id: (await w.rich()).userId })],
  '41': [async (w) => sysPost(w, `${I}/user/rewards`, { id: (await w.rich()).userId, type: 'approved', limit: 2 })],
  '42': [async (w) => sysPost(w, `${I}/user/buddies`, { id: (await w.rich()).userId })],
  '43': [async (w) => sysPost(w, `${I}/user/reminders`, { id: (await w.rich()).userId })],
  '44': [async (w) => {
    const id = (await w.rich()).userId;
    await sysPost(w, '/user/timeline/message', { id, message: 'hello', type: 'coins' });
    return sysPost(w, `${I}/user/timeline`, { id });
  }],
  '45': [async (w) => sysPost(w, `${I}/user/level`, { id: (await w.rich()).userId })],
  '46': [async (w) => sysPost(w, `${I}/user/contributor_level`, { id: (await w.rich()).userId })],
  '47': [async (w) => sysPost(w, '/user/transactions', { id: (await w.rich()).userId })],
  '49': [async (w) => sysPost(w, '/user/permanently_block/get', { id: (await w.rich()).userId })],
  '52': [async (w) => sysPost(w, '/user/rewards_ban/get', { id: (await w.bannedUser()).userId })],
  '53': [async (w) => sysPost(w, '/user/rewards_ban/set', { id: (await w.bannedUser()).userId, to: '2099-12-12T12:12:12Z', reason: 'I can' })],
  '57': [async (w) => {
    await w.rich(); // a deposit with HASH
    const primary = await w.user('conformance-merged');
    await w.call('POST', `${I}/account/merge`, { ticket: primary.ticket, body: { secondary_ticket: (await phoneSignedIn(w)).ticket }, expect: [200, 204] });
    await eventually(() => w.adminPost(`${I}/user/scans`, { id: primary.userId }));
    await w.internal.send('rewards', RewardsPattern.Deposit, { idempotency_key: randomUUID(), user_id: primary.userId, coins: '1000000000000000000', hash: HASH });
    return w.call('GET', `${I}/user/transactions/hashes/${HASH.slice(3, 13)}`, { ticket: (await w.admin()).ticket });
  }],
  '58': [async (w) => { const p = await w.withFee({ type: 'coins', value: '10000000000000000000' }); return sysPost(w, `${I}/participants`, { id: p.participantId }); }],
  '59': [async (w) => {
    const p = await w.withFee({ type: 'coins', value: '20000000000000000000' });
    return w.call('GET', `${I}/participants/participant/${p.participantId}`, { ticket: (await w.admin()).ticket });
  }],
  '60': [async (w) => w.call('PUT', `${I}/participants/participant/${(await w.rich()).participantId}/payment`, {
    ticket: (await w.admin()).ticket, body: { from_date: '2026-02-01', to_date: '2026-09-01' },
  })],
  '63': [async (w) => w.call('PUT', `${I}/participants/participant/${(await w.rich()).participantId}/deposit/fee`, {
    ticket: (await w.admin()).ticket, body: { type: 'coins', value: '20000000000000000000', status: 'active', source: 'invoice' },
  })],
  '64': [async (w) => {
    const p = await w.withFee({ type: 'percentages', value: 50 });
    return w.call('GET', `${I}/participants/participant/${p.participantId}/deposit`, { ticket: (await w.admin()).ticket });
  }],
  '66': [async (w) => w.call('GET', '/users/certificates', { ticket: (await w.rich()).ticket })],
  '67': [async (w) => { await w.certificates(); return w.call('GET', '/external/payment-certificate/', { apiKey: await w.apiKey() }); }],
  '70': [async (w) => w.call('POST', '/external/payment-certificate/bulk-create/', {
    apiKey: await w.apiKey(), body: [{ code: `CERT-NEW-${randomUUID()}`, is_active: true, value: 1000 }, { code: `CERT-NEW-${randomUUID()}`, is_active: false, value: 1500 }], expect: [200, 201],
  })],
  '71': [async (w) => {
    const [a, b] = await w.certificates();
    return w.call('PUT', '/external/payment-certificate/bulk-update/', {
      apiKey: await w.apiKey(), body: [{ id: a, code: `CERT-UPD-${randomUUID()}`, value: 800, is_active: true }, { id: b, code: `CERT-UPD-${randomUUID()}`, value: 1200, is_active: true }],
    });
  }],
  '68': [async (w) => w.call('GET', `/external/payment-certificate/${(await w.certificates())[0]}/`, { apiKey: await w.apiKey() })],
  '69': [async (w) => w.call('PUT', `/external/payment-certificate/${(await w.certificates())[0]}/`, {
    apiKey: await w.apiKey(), body: { code: `CERT-001-${randomUUID()}`, is_active: false, value: 750 },
  })],
};

export { SYSTEM_PARTICIPANT, withTicket };
