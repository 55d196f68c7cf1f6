import { useState } from 'react';
import { Checkbox, Fieldset, NativeSelect, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { PartnershipView } from '../../pages/partnerships/types';
import { localized } from '../../pages/mobility/words';
import { ActionForm } from '../ActionForm';
import { useActionMutation } from '../useActionMutation';
import { useCoveredUnits } from '../useCoveredUnits';
import { lines, newId, optional } from '../values';
import { FieldRow } from '../FieldRow';

const TYPES = [
  'programme-module',
  'specialised-course',
  'innovation-pilot',
  'long-term-foundation',
] as const;
const LIFE_SKILLS = [
  'entrepreneurship-and-initiative',
  'foreign-languages',
  'cultural-awareness',
] as const;

/**
 * Plan a mobility under the partnership: the learner, the host (a host party), the qualification
 * and the units its MoU covers, the period, mentors, responsibilities and insurance.
 */
export function PlanMobilityForm({ partnership }: { partnership: PartnershipView }) {
  const { t, i18n } = useTranslation(['actions', 'mobility']);
  const navigate = useNavigate();
  const lng = i18n.language;
  const sending =
    partnership.parties.find((p) => p.role === 'sending')?.institutionId ??
    partnership.coordinatorInstitutionId;
  const hosts = partnership.parties.filter((p) => p.role === 'host').map((p) => p.institutionId);
  const [host, setHost] = useState(hosts[0] ?? '');
  const [qualificationId, setQualificationId] = useState<string | undefined>(undefined);
  const covered = useCoveredUnits(partnership.partnershipId, qualificationId);
  const chosenQualification = qualificationId ?? covered.coverage[0]?.qualificationId;
  const current = useCoveredUnits(partnership.partnershipId, chosenQualification);
  const [units, setUnits] = useState<string[]>([]);
  const [mobilityId, setMobilityId] = useState(() => newId('m').slice(0, 14));
  const [learner, setLearner] = useState({ learnerId: '', name: '', dateOfBirth: '', email: '' });
  const [guardian, setGuardian] = useState({ name: '', email: '' });
  const [type, setType] = useState<(typeof TYPES)[number]>('programme-module');
  const [period, setPeriod] = useState({ start: '', end: '' });
  const [lifeSkills, setLifeSkills] = useState<string[]>([]);
  const [mentors, setMentors] = useState({
    sendingName: '',
    sendingEmail: '',
    hostName: '',
    hostEmail: '',
  });
  const [duties, setDuties] = useState({ sendingSchool: '', host: '', learner: '' });
  const [insurance, setInsurance] = useState({ provider: '', policyNumber: '', coverage: '' });

  const action = useActionMutation<void>({
    path: '/mobilities',
    method: 'POST',
    body: () => ({
      mobilityId,
      partnershipId: partnership.partnershipId,
      sendingInstitutionId: sending,
      hostInstitutionId: host,
      qualificationId: chosenQualification ?? '',
      qualificationVersion: current.covered?.qualificationVersion ?? 0,
      learner: {
        ...learner,
        ...(optional(guardian.name) && {
          guardian: { name: guardian.name, email: guardian.email },
        }),
      },
      type,
      plannedPeriod: period,
      targetedUnitIds: units,
      lifeSkills,
      mentors: {
        sending: { name: mentors.sendingName, email: mentors.sendingEmail },
        host: { name: mentors.hostName, email: mentors.hostEmail },
      },
      responsibilities: {
        sendingSchool: lines(duties.sendingSchool),
        host: lines(duties.host),
        learner: lines(duties.learner),
      },
      insurance,
    }),
    invalidate: [
      ['dashboard'],
      ['mobilities', 'list'],
      ['partnerships', partnership.partnershipId],
    ],
    success: t('actions:plan.done', { id: mobilityId }),
    onSuccess: (result) =>
      void navigate({ to: '/app/mobilities/$mobilityId', params: { mobilityId: result.id } }),
  });
  const e = action.fieldError;
  const fields = [
    'mobilityId',
    'hostInstitutionId',
    'qualificationId',
    'qualificationVersion',
    'learner',
    'type',
    'plannedPeriod',
    'targetedUnitIds',
    'lifeSkills',
    'mentors',
    'responsibilities',
    'insurance',
  ];

  return (
    <ActionForm
      intro={t('actions:plan.intro')}
      submit={t('actions:plan.submit')}
      onSubmit={() => action.mutate(undefined)}
      pending={action.isPending}
      error={action.errorMessage(fields)}
    >
      <FieldRow>
        <TextInput
          label={t('actions:fields.mobilityId')}
          required
          value={mobilityId}
          onChange={(ev) => setMobilityId(ev.currentTarget.value)}
          error={e('mobilityId')}
        />
        <NativeSelect
          label={t('actions:fields.host')}
          data={hosts}
          value={host}
          onChange={(ev) => setHost(ev.currentTarget.value)}
          error={e('hostInstitutionId')}
        />
      </FieldRow>
      <Fieldset legend={t('actions:plan.learner')}>
        <Stack gap="xs">
          <FieldRow>
            <TextInput
              label={t('actions:fields.learnerId')}
              required
              value={learner.learnerId}
              onChange={(ev) => setLearner({ ...learner, learnerId: ev.currentTarget.value })}
              error={e('learner.learnerId')}
            />
            <TextInput
              label={t('actions:fields.learnerName')}
              required
              value={learner.name}
              onChange={(ev) => setLearner({ ...learner, name: ev.currentTarget.value })}
              error={e('learner.name')}
            />
          </FieldRow>
          <FieldRow>
            <TextInput
              type="date"
              label={t('actions:fields.dateOfBirth')}
              required
              value={learner.dateOfBirth}
              onChange={(ev) => setLearner({ ...learner, dateOfBirth: ev.currentTarget.value })}
              error={e('learner.dateOfBirth')}
            />
            <TextInput
              type="email"
              label={t('actions:fields.email')}
              required
              value={learner.email}
              onChange={(ev) => setLearner({ ...learner, email: ev.currentTarget.value })}
              error={e('learner.email')}
            />
          </FieldRow>
          <FieldRow>
            <TextInput
              label={t('actions:fields.guardianName')}
              description={t('actions:fields.guardianHelp')}
              value={guardian.name}
              onChange={(ev) => setGuardian({ ...guardian, name: ev.currentTarget.value })}
              error={e('learner.guardian.name')}
            />
            <TextInput
              type="email"
              label={t('actions:fields.guardianEmail')}
              value={guardian.email}
              onChange={(ev) => setGuardian({ ...guardian, email: ev.currentTarget.value })}
              error={e('learner.guardian.email')}
            />
          </FieldRow>
        </Stack>
      </Fieldset>
      <Fieldset legend={t('actions:plan.content')}>
        <Stack gap="xs">
          <NativeSelect
            label={t('actions:fields.qualification')}
            data={covered.coverage.map((q) => ({
              value: q.qualificationId,
              label: `${q.qualificationId} (v${q.qualificationVersion})`,
            }))}
            value={chosenQualification ?? ''}
            onChange={(ev) => {
              setQualificationId(ev.currentTarget.value);
              setUnits([]);
            }}
            error={e('qualificationId')}
          />
          <Checkbox.Group
            label={t('actions:fields.units')}
            description={t('actions:fields.unitsCovered')}
            value={units}
            onChange={setUnits}
            error={e('targetedUnitIds')}
          >
            <Stack gap={4} mt={4}>
              {(current.units ?? []).map((u) => (
                <Checkbox
                  key={u.unitId}
                  value={u.unitId}
                  label={localized(u.title, lng) || u.unitId}
                />
              ))}
              {current.units?.length === 0 && <Text size="sm">{t('actions:plan.noUnits')}</Text>}
            </Stack>
          </Checkbox.Group>
          <NativeSelect
            label={t('actions:fields.type')}
            data={TYPES.map((v) => ({ value: v, label: t(`actions:mobilityType.${v}`) }))}
            value={type}
            onChange={(ev) =>
              setType(TYPES.find((v) => v === ev.currentTarget.value) ?? 'programme-module')
            }
            error={e('type')}
          />
          <FieldRow>
            <TextInput
              type="date"
              label={t('actions:fields.plannedStart')}
              required
              value={period.start}
              onChange={(ev) => setPeriod({ ...period, start: ev.currentTarget.value })}
              error={e('plannedPeriod.start')}
            />
            <TextInput
              type="date"
              label={t('actions:fields.plannedEnd')}
              required
              value={period.end}
              onChange={(ev) => setPeriod({ ...period, end: ev.currentTarget.value })}
              error={e('plannedPeriod.end')}
            />
          </FieldRow>
          <Checkbox.Group
            label={t('actions:fields.lifeSkills')}
            value={lifeSkills}
            onChange={setLifeSkills}
            error={e('lifeSkills')}
          >
            <Stack gap={4} mt={4}>
              {LIFE_SKILLS.map((s) => (
                <Checkbox key={s} value={s} label={t(`actions:lifeSkill.${s}`)} />
              ))}
            </Stack>
          </Checkbox.Group>
        </Stack>
      </Fieldset>
      <Fieldset legend={t('actions:plan.mentors')}>
        <FieldRow>
          <TextInput
            label={t('actions:fields.sendingMentorName')}
            required
            value={mentors.sendingName}
            onChange={(ev) => setMentors({ ...mentors, sendingName: ev.currentTarget.value })}
            error={e('mentors.sending.name')}
          />
          <TextInput
            type="email"
            label={t('actions:fields.sendingMentorEmail')}
            required
            value={mentors.sendingEmail}
            onChange={(ev) => setMentors({ ...mentors, sendingEmail: ev.currentTarget.value })}
            error={e('mentors.sending.email')}
          />
        </FieldRow>
        <FieldRow>
          <TextInput
            label={t('actions:fields.hostMentorName')}
            required
            value={mentors.hostName}
            onChange={(ev) => setMentors({ ...mentors, hostName: ev.currentTarget.value })}
            error={e('mentors.host.name')}
          />
          <TextInput
            type="email"
            label={t('actions:fields.hostMentorEmail')}
            required
            value={mentors.hostEmail}
            onChange={(ev) => setMentors({ ...mentors, hostEmail: ev.currentTarget.value })}
            error={e('mentors.host.email')}
          />
        </FieldRow>
      </Fieldset>
      <Fieldset legend={t('actions:plan.responsibilities')}>
        <Stack gap="xs">
          {(['sendingSchool', 'host', 'learner'] as const).map((who) => (
            <Textarea
              key={who}
              label={t(`actions:fields.duties.${who}`)}
              description={t('actions:fields.oneLine')}
              value={duties[who]}
              onChange={(ev) => setDuties({ ...duties, [who]: ev.currentTarget.value })}
              error={e(`responsibilities.${who}`)}
              autosize
              minRows={2}
            />
          ))}
        </Stack>
      </Fieldset>
      <Fieldset legend={t('actions:plan.insurance')}>
        <FieldRow>
          <TextInput
            label={t('actions:fields.insuranceProvider')}
            required
            value={insurance.provider}
            onChange={(ev) => setInsurance({ ...insurance, provider: ev.currentTarget.value })}
            error={e('insurance.provider')}
          />
          <TextInput
            label={t('actions:fields.policyNumber')}
            required
            value={insurance.policyNumber}
            onChange={(ev) => setInsurance({ ...insurance, policyNumber: ev.currentTarget.value })}
            error={e('insurance.policyNumber')}
          />
        </FieldRow>
        <TextInput
          mt="xs"
          label={t('actions:fields.coverage')}
          required
          value={insurance.coverage}
          onChange={(ev) => setInsurance({ ...insurance, coverage: ev.currentTarget.value })}
          error={e('insurance.coverage')}
        />
      </Fieldset>
    </ActionForm>
  );
}
