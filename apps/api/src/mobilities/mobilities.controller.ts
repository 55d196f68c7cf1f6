import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

@ApiTags('mobilities')
@Controller('mobilities')
export class MobilitiesController {}
