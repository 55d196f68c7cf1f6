import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

@ApiTags('partnerships')
@Controller('partnerships')
export class PartnershipsController {}
