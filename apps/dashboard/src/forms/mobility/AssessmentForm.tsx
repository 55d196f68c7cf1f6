import { useState } from 'react';
import { Checkbox, NativeSelect, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MobilityView } from '../../pages/mobility/types';
import { localized } from '../../pages/mobility/words';
import { ActionForm } from '../ActionForm';
import { useActionMutation } from '../useActionMutation';
import { lines, optional, todayLocal } from '../values';
import { afterMobilityWrite, mobilityPath } from './common';
import { FieldRow } from '../FieldRow';

const RESULTS = ['achieved', 'partly-achieved', 'not-achieved'] as const;
type Result = (typeof RESULTS)[number];

/**
 * The host's final assessment of one unit against its agreed criteria: one "met" box per
 * criterion of the unit, the result, grade, evidence, the assessor (of the host institution).
 */
export function FinalAssessmentForm({ mobility }: { mobility: MobilityView }) {
  const { t, i18n } = useTranslation(['actions', 'mobility']);
  const id = mobility.mobilityId;
  const units = mobility.targetedUnits;
  const [unitId, setUnitId] = useState(
    units.find((u) => !mobility.finalAssessments.some((a) => a.unitId === u.unitId))?.unitId ??
      units[0]?.unitId ??
      '',
  );
  const unit = units.find((u) => u.unitId === unitId);
  const [result, setResult] = useState<Result>('achieved');
  const [met, setMet] = useState<string[]>([]);
  const [grade, setGrade] = useState('');
  const [scale, setScale] = useState('');
  const [evidence, setEvidence] = useState('');
  const [assessor, setAssessor] = useState('');
  const [assessorRole, setAssessorRole] = useState('');
  const [deviations, setDeviations] = useState('');
  const [assessedOn, setAssessedOn] = useState(todayLocal());
  const action = useActionMutation<void>({
    path: () => mobilityPath(id, `/assessments/${encodeURIComponent(unitId)}`),
    method: 'PUT',
    body: () => ({
      result,
      grade: optional(grade),
      scale: optional(scale),
      criteriaResults: (unit?.assessmentCriteria ?? []).map((criterion) => ({
        criterion,
        met: met.includes(criterion),
      })),
      evidence: lines(evidence),
      assessor: { name: assessor, role: assessorRole, institutionId: mobility.host.institutionId },
      deviations: optional(deviations),
      assessedOn,
    }),
    invalidate: afterMobilityWrite(id),
    success: t('actions:assess.done', {
      unit: unit ? localized(unit.title, i18n.language) : unitId,
    }),
  });
  const fields = [
    'result',
    'grade',
    'scale',
    'criteriaResults',
    'evidence',
    'assessor',
    'deviations',
    'assessedOn',
  ];
  return (
    <ActionForm
      intro={t('actions:assess.intro')}
      submit={t('actions:assess.submit')}
      onSubmit={() => action.mutate(undefined)}
      pending={action.isPending}
      error={action.errorMessage(fields)}
    >
      <NativeSelect
        label={t('actions:fields.unit')}
        data={units.map((u) => ({
          value: u.unitId,
          label: localized(u.title, i18n.language) || u.unitId,
        }))}
        value={unitId}
        onChange={(e) => {
          setUnitId(e.currentTarget.value);
          setMet([]);
        }}
      />
      <Checkbox.Group
        label={t('actions:fields.criteriaMet')}
        description={t('actions:fields.criteriaMetHelp')}
        value={met}
        onChange={setMet}
        error={action.fieldError('criteriaResults')}
      >
        <Stack gap={4} mt={4}>
          {(unit?.assessmentCriteria ?? []).map((criterion) => (
            <Checkbox key={criterion} value={criterion} label={criterion} />
          ))}
          {unit && unit.assessmentCriteria.length === 0 && (
            <Text size="sm">{t('actions:assess.noCriteria')}</Text>
          )}
        </Stack>
      </Checkbox.Group>
      <FieldRow>
        <NativeSelect
          label={t('actions:fields.result')}
          data={RESULTS.map((r) => ({ value: r, label: t(`mobility:result.${r}`) }))}
          value={result}
          onChange={(e) =>
            setResult(RESULTS.find((r) => r === e.currentTarget.value) ?? 'achieved')
          }
          error={action.fieldError('result')}
        />
        <TextInput
          label={t('actions:fields.grade')}
          value={grade}
          onChange={(e) => setGrade(e.currentTarget.value)}
          error={action.fieldError('grade')}
        />
        <TextInput
          label={t('actions:fields.scale')}
          value={scale}
          onChange={(e) => setScale(e.currentTarget.value)}
          error={action.fieldError('scale')}
        />
      </FieldRow>
      <FieldRow>
        <TextInput
          label={t('actions:fields.assessorName')}
          required
          value={assessor}
          onChange={(e) => setAssessor(e.currentTarget.value)}
          error={action.fieldError('assessor.name')}
        />
        <TextInput
          label={t('actions:fields.assessorRole')}
          required
          value={assessorRole}
          onChange={(e) => setAssessorRole(e.currentTarget.value)}
          error={action.fieldError('assessor.role')}
        />
        <TextInput
          type="date"
          label={t('actions:fields.assessedOn')}
          required
          value={assessedOn}
          onChange={(e) => setAssessedOn(e.currentTarget.value)}
          error={action.fieldError('assessedOn')}
        />
      </FieldRow>
      <Textarea
        label={t('actions:fields.evidence')}
        description={t('actions:fields.evidenceHelp')}
        value={evidence}
        onChange={(e) => setEvidence(e.currentTarget.value)}
        error={action.fieldError('evidence')}
        autosize
        minRows={2}
      />
      <Textarea
        label={t('actions:fields.deviations')}
        value={deviations}
        onChange={(e) => setDeviations(e.currentTarget.value)}
        error={action.fieldError('deviations')}
        autosize
        minRows={1}
      />
    </ActionForm>
  );
}
