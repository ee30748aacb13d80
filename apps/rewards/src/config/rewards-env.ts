import { CommonEnv } from '#libs/config';

export class RewardsEnv extends CommonEnv {}
