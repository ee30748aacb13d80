import { Module } from '@nestjs/common';
import { PhoneCodeStore } from './phone-code.store.js';

/** The code store alone, so accounts (phone sign-up) and phone (the endpoints) can share it. */
@Module({ providers: [PhoneCodeStore], exports: [PhoneCodeStore] })
export class PhoneCodesModule {}
