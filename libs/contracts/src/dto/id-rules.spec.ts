import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ID_MAX_LENGTH, IsParticipantId, IsUserId } from './id-rules.js';

class Sample {
  @IsUserId() buddy_id: string;
  @IsParticipantId() new_participant: string;
  @IsUserId({ each: true, message: 'ids must be user ids' }) ids: string[];
}

const USER = 'urn:authenticateit:user:email:a@b.test';
const PARTICIPANT = 'urn:authenticateit:participant:12';
const problems = (plain: object) => Object.fromEntries(validateSync(plainToInstance(Sample, plain)).map((e) => [e.property, Object.values(e.constraints ?? {})]));

describe('the id rules', () => {
  it('take the ids every service issues', () => {
    expect(problems({ buddy_id: USER, new_participant: PARTICIPANT, ids: [USER, 'urn:authenticateit:user:phonenum:61400000000'] })).toEqual({});
  });

  it('refuse other values with one message naming the field', () => {
    const found = problems({ buddy_id: 'nope', new_participant: 'urn:authenticateit:participant:x', ids: [USER, 7] });
    expect(found.buddy_id).toEqual(['buddy_id must be a user id (urn:authenticateit:user:<reg_type>:<login>)']);
    expect(found.new_participant).toEqual(['new_participant must be a participant id (urn:authenticateit:participant:<n>)']);
    expect(new Set(found.ids)).toEqual(new Set(['ids must be user ids']));
  });

  it(`refuse ids longer than ${ID_MAX_LENGTH} characters and values that are not strings`, () => {
    const long = `urn:authenticateit:user:email:${'a'.repeat(ID_MAX_LENGTH)}`;
    expect(problems({ buddy_id: long, new_participant: 12, ids: [] })).toEqual({
      buddy_id: [expect.stringContaining('shorter than or equal to 300')],
      new_participant: expect.arrayContaining(['new_participant must be a string']),
    });
  });

  it('are the only way a DTO checks an id (no Matches(USER_ID) or Matches(PARTICIPANT_ID) of its own)', () => {
    const dir = join(process.cwd(), 'libs/contracts/src/dto');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.dto.ts'));
    expect(files.length).toBeGreaterThan(15);
    expect(files.filter((f) => /Matches\((USER_ID|PARTICIPANT_ID)\b/.test(readFileSync(join(dir, f), 'utf8')))).toEqual([]);
  });
});
