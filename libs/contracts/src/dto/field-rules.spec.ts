import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ID_MAX_LENGTH, IsCoins, IsParticipantId, IsUserId } from './field-rules.js';

class Sample {
  @IsUserId() buddy_id: string;
  @IsParticipantId() new_participant: string;
  @IsUserId({ each: true, message: 'ids must be user ids' }) ids: string[];
  @IsCoins({ positive: true }) coins: string;
  @IsCoins() fee: string;
}

const USER = 'urn:authenticateit:user:email:a@b.test';
const COINS = { coins: '1000000000000000000', fee: '0' };
const PARTICIPANT = 'urn:authenticateit:participant:12';
const problems = (plain: object) => Object.fromEntries(validateSync(plainToInstance(Sample, plain)).map((e) => [e.property, Object.values(e.constraints ?? {})]));

describe('the id rules', () => {
  it('take the ids every service issues', () => {
    expect(problems({ buddy_id: USER, new_participant: PARTICIPANT, ids: [USER, 'urn:authenticateit:user:phonenum:61400000000'], ...COINS })).toEqual({});
  });

  it('refuse other values with one message naming the field', () => {
    const found = problems({ buddy_id: 'nope', new_participant: 'urn:authenticateit:participant:x', ids: [USER, 7], ...COINS });
    expect(found.buddy_id).toEqual(['buddy_id must be a user id (urn:authenticateit:user:<reg_type>:<login>)']);
    expect(found.new_participant).toEqual(['new_participant must be a participant id (urn:authenticateit:participant:<n>)']);
    expect(new Set(found.ids)).toEqual(new Set(['ids must be user ids']));
  });

  it(`refuse ids longer than ${ID_MAX_LENGTH} characters and values that are not strings`, () => {
    const long = `urn:authenticateit:user:email:${'a'.repeat(ID_MAX_LENGTH)}`;
    const found = problems({ buddy_id: long, new_participant: 12, ids: [], ...COINS });
    expect(Object.keys(found).sort()).toEqual(['buddy_id', 'new_participant']);
    expect(found.buddy_id).toEqual([expect.stringContaining('shorter than or equal to 300')]);
    expect(found.new_participant).toContain('new_participant must be a participant id (urn:authenticateit:participant:<n>)');
  });

  it('take coins as 18-decimal integer strings only, 0 only where not positive', () => {
    for (const bad of ['0', '1.5', '-1', '01', '1e18', 20, '9'.repeat(79)]) {
      expect(problems({ buddy_id: USER, new_participant: PARTICIPANT, ids: [], coins: bad, fee: '0' }).coins)
        .toContain('coins must be a string of a positive integer amount (18 decimals)');
    }
    expect(problems({ buddy_id: USER, new_participant: PARTICIPANT, ids: [], coins: '9'.repeat(78), fee: '-1' }))
      .toEqual({ fee: ['fee must be a string of a non-negative integer amount (18 decimals)'] });
  });

  it('are the only way a DTO checks an id or coins (no Matches of USER_ID, PARTICIPANT_ID or a coin pattern of its own)', () => {
    const dir = join(process.cwd(), 'libs/contracts/src/dto');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.dto.ts'));
    expect(files.length).toBeGreaterThan(15);
    expect(files.filter((f) => /Matches\((USER_ID|PARTICIPANT_ID|\w*COIN\w*)\b/.test(readFileSync(join(dir, f), 'utf8')))).toEqual([]);
  });
});
