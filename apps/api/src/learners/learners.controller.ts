import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

@ApiTags('learners')
@Controller('learners')
export class LearnersController {}
