import { Body, Controller, Get, INestApplication, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Type } from 'class-transformer';
import { IsEmail, IsISO8601, IsString, MinLength, ValidateNested } from 'class-validator';
import request from 'supertest';
import { DomainError } from '@ecvet/domain';
import { StreamNotFound, WrongExpectedVersion } from '@ecvet/event-store';
import { createValidationPipe } from './problem-details';
import { ProblemDetailsFilter } from './problem-details.filter';

class LearnerDto {
  @IsString() @MinLength(1) name!: string;
  @IsISO8601() birthDate!: string;
}
class ApplyDto {
  @ValidateNested() @Type(() => LearnerDto) learner!: LearnerDto;
  @IsEmail() email!: string;
}

@Controller('probe')
class ProbeController {
  @Post('apply') apply(@Body() body: ApplyDto) {
    return { ok: true, body };
  }
  @Get('rule') rule() {
    throw new DomainError(
      'mobility.la-needs-signed-mou',
      'The MoU of the partnership is not signed',
      { partnershipId: 'p-1' },
    );
  }
  @Get('conflict') conflict() {
    throw new WrongExpectedVersion('Mobility-1', 3, 5);
  }
  @Get('missing') missing() {
    throw new StreamNotFound('Mobility-404');
  }
  @Get('bug') bug() {
    throw new Error('secret internals');
  }
}

describe('errors as RFC 9457 problem details', () => {
  let app: INestApplication;
  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [ProbeController] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalPipes(createValidationPipe());
    app.useGlobalFilters(new ProblemDetailsFilter());
    await app.init();
  });
  afterAll(() => app.close());

  it('400 lists every invalid field, nested ones by path, and unknown fields', async () => {
    const res = await request(app.getHttpServer())
      .post('/probe/apply')
      .send({ learner: { name: '', birthDate: 'yesterday' }, email: 'nope', extra: 1 })
      .expect(400)
      .expect('content-type', /application\/problem\+json/);
    expect(res.body).toMatchObject({
      type: '/problems/invalid-request',
      status: 400,
      instance: '/probe/apply',
    });
    const names = res.body.invalidParams.map((p: { name: string }) => p.name).sort();
    expect(names).toEqual(['email', 'extra', 'learner.birthDate', 'learner.name']);
  });

  it('passes a valid body through', async () => {
    await request(app.getHttpServer())
      .post('/probe/apply')
      .send({ learner: { name: 'Annija', birthDate: '2007-03-14' }, email: 'annija@example.lv' })
      .expect(201);
  });

  it('422 names the broken domain rule', async () => {
    const res = await request(app.getHttpServer()).get('/probe/rule').expect(422);
    expect(res.body).toMatchObject({
      rule: 'mobility.la-needs-signed-mou',
      partnershipId: 'p-1',
      status: 422,
    });
  });

  it('409 carries the current version', async () => {
    const res = await request(app.getHttpServer()).get('/probe/conflict').expect(409);
    expect(res.body).toMatchObject({ type: '/problems/version-conflict', currentVersion: 5 });
  });

  it('404 for a missing stream, 500 without internals for a bug', async () => {
    await request(app.getHttpServer()).get('/probe/missing').expect(404);
    const res = await request(app.getHttpServer()).get('/probe/bug').expect(500);
    expect(JSON.stringify(res.body)).not.toContain('secret');
  });
});
