import { IsNotEmpty, IsString } from 'class-validator';

/** Path `/participants/participant/:id` (the gateway's router has already percent-decoded it). */
export class ParticipantIdParams {
  @IsString() @IsNotEmpty()
  id: string;
}
