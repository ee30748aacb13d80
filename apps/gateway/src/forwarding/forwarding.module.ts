import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { RouteRegistrar } from './route-registrar.js';

@Module({ imports: [AuthModule], providers: [RouteRegistrar] })
export class ForwardingModule {}
