import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A GTIN company prefix belongs to at most one participant (primary key). */
@Entity({ name: 'company_prefixes' })
export class CompanyPrefix {
  @PrimaryColumn('text')
  prefix: string;

  @Column('text', { name: 'participant_id' })
  participantId: string;
}
