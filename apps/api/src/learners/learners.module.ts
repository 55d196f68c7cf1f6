import { Module } from '@nestjs/common';
import { LearnersController } from './learners.controller';

@Module({ controllers: [LearnersController] })
export class LearnersModule {}
