import { useState } from 'react';
import { NativeSelect, NumberInput, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MobilityView } from '../../pages/mobility/types';
import { localized } from '../../pages/mobility/words';
import { useSession } from '../../session/session';
import { ActionForm } from '../ActionForm';
import { useActionMutation } from '../useActionMutation';
import { newId, optional, todayLocal } from '../values';
import { afterMobilityWrite, mobilityPath } from './common';
import { FieldRow } from '../FieldRow';

function useUnitChoice(mobility: MobilityView, pick: (unitId: string) => boolean) {
  const { i18n } = useTranslation();
  const units = mobility.targetedUnits.filter((u) => pick(u.unitId));
  const options = units.map((u) => ({
    value: u.unitId,
    label: localized(u.title, i18n.language) || u.unitId,
  }));
  return { units, options };
}

/** The sending school validates an assessed unit (or does not). */
export function ValidationForm({ mobility }: { mobility: MobilityView }) {
  const { t } = useTranslation('actions');
  const session = useSession();
  const id = mobility.mobilityId;
  const assessed = new Set(mobility.finalAssessments.map((a) => a.unitId));
  const validated = new Set(mobility.validations.map((v) => v.unitId));
  const { options } = useUnitChoice(mobility, (u) => assessed.has(u));
  const [unitId, setUnitId] = useState(
    options.find((o) => !validated.has(o.value))?.value ?? options[0]?.value ?? '',
  );
  const [decision, setDecision] = useState<'validated' | 'not-validated'>('validated');
  const [notes, setNotes] = useState('');
  const [validatedBy, setValidatedBy] = useState(session?.name ?? '');
  const [validatedOn, setValidatedOn] = useState(todayLocal());
  const action = useActionMutation<void>({
    path: () => mobilityPath(id, `/validations/${encodeURIComponent(unitId)}`),
    method: 'PUT',
    body: () => ({ decision, notes, validatedBy, validatedOn }),
    invalidate: afterMobilityWrite(id),
    success: t('validate.done'),
  });
  return (
    <ActionForm
      intro={t('validate.intro')}
      submit={t('validate.submit')}
      onSubmit={() => action.mutate(undefined)}
      pending={action.isPending}
      error={action.errorMessage(['decision', 'notes', 'validatedBy', 'validatedOn'])}
    >
      <FieldRow>
        <NativeSelect
          label={t('fields.unit')}
          data={options}
          value={unitId}
          onChange={(e) => setUnitId(e.currentTarget.value)}
        />
        <NativeSelect
          label={t('fields.decision')}
          data={[
            { value: 'validated', label: t('validate.validated') },
            { value: 'not-validated', label: t('validate.notValidated') },
          ]}
          value={decision}
          onChange={(e) =>
            setDecision(e.currentTarget.value === 'not-validated' ? 'not-validated' : 'validated')
          }
          error={action.fieldError('decision')}
        />
      </FieldRow>
      <Textarea
        label={t('fields.notes')}
        value={notes}
        onChange={(e) => setNotes(e.currentTarget.value)}
        error={action.fieldError('notes')}
        autosize
        minRows={2}
      />
      <FieldRow>
        <TextInput
          label={t('fields.validatedBy')}
          required
          value={validatedBy}
          onChange={(e) => setValidatedBy(e.currentTarget.value)}
          error={action.fieldError('validatedBy')}
        />
        <TextInput
          type="date"
          label={t('fields.validatedOn')}
          required
          value={validatedOn}
          onChange={(e) => setValidatedOn(e.currentTarget.value)}
          error={action.fieldError('validatedOn')}
        />
      </FieldRow>
    </ActionForm>
  );
}

const DECISIONS = ['module', 'part-of-module', 'refused'] as const;
type Decision = (typeof DECISIONS)[number];

/** Recognise a validated unit as a module or part of one (credited to the learner), or refuse. */
export function RecognitionForm({ mobility }: { mobility: MobilityView }) {
  const { t } = useTranslation('actions');
  const session = useSession();
  const id = mobility.mobilityId;
  const validated = new Set(
    mobility.validations.filter((v) => v.decision === 'validated').map((v) => v.unitId),
  );
  const recognised = new Set(mobility.recognitions.map((r) => r.unitId));
  const { units, options } = useUnitChoice(mobility, (u) => validated.has(u));
  const [unitId, setUnitId] = useState(
    options.find((o) => !recognised.has(o.value))?.value ?? options[0]?.value ?? '',
  );
  const unit = units.find((u) => u.unitId === unitId);
  const [decision, setDecision] = useState<Decision>('module');
  const [moduleId, setModuleId] = useState(unit?.moduleIds[0] ?? '');
  const [points, setPoints] = useState<number | string>(unit?.ecvetPoints ?? '');
  const [rationale, setRationale] = useState('');
  const [decidedBy, setDecidedBy] = useState(session?.name ?? '');
  const [decidedOn, setDecidedOn] = useState(todayLocal());
  const refused = decision === 'refused';
  const action = useActionMutation<void>({
    path: () => mobilityPath(id, `/recognitions/${encodeURIComponent(unitId)}`),
    method: 'PUT',
    body: () => ({
      decision,
      ...(refused
        ? { rationale }
        : {
            moduleId: optional(moduleId),
            ecvetPoints: typeof points === 'number' ? points : undefined,
          }),
      decidedBy,
      decidedOn,
    }),
    invalidate: [...afterMobilityWrite(id), ['learners', mobility.learner.learnerId]],
    success: t('recognise.done'),
  });
  const pickUnit = (value: string) => {
    setUnitId(value);
    const next = units.find((u) => u.unitId === value);
    setModuleId(next?.moduleIds[0] ?? '');
    setPoints(next?.ecvetPoints ?? '');
  };
  return (
    <ActionForm
      intro={t('recognise.intro')}
      submit={t('recognise.submit')}
      onSubmit={() => action.mutate(undefined)}
      pending={action.isPending}
      error={action.errorMessage([
        'decision',
        'moduleId',
        'ecvetPoints',
        'rationale',
        'decidedBy',
        'decidedOn',
      ])}
    >
      <FieldRow>
        <NativeSelect
          label={t('fields.unit')}
          data={options}
          value={unitId}
          onChange={(e) => pickUnit(e.currentTarget.value)}
        />
        <NativeSelect
          label={t('fields.decision')}
          data={DECISIONS.map((d) => ({ value: d, label: t(`recognise.${d}`) }))}
          value={decision}
          onChange={(e) =>
            setDecision(DECISIONS.find((d) => d === e.currentTarget.value) ?? 'module')
          }
          error={action.fieldError('decision')}
        />
      </FieldRow>
      {refused ? (
        <Textarea
          label={t('fields.rationale')}
          required
          value={rationale}
          onChange={(e) => setRationale(e.currentTarget.value)}
          error={action.fieldError('rationale')}
          autosize
          minRows={2}
        />
      ) : (
        <FieldRow>
          <NativeSelect
            label={t('fields.module')}
            data={(unit?.moduleIds ?? []).map((m) => ({ value: m, label: m }))}
            value={moduleId}
            onChange={(e) => setModuleId(e.currentTarget.value)}
            error={action.fieldError('moduleId')}
          />
          <NumberInput
            label={t('fields.ecvetPoints')}
            min={0}
            max={240}
            value={points}
            onChange={setPoints}
            error={action.fieldError('ecvetPoints')}
          />
        </FieldRow>
      )}
      <FieldRow>
        <TextInput
          label={t('fields.decidedBy')}
          required
          value={decidedBy}
          onChange={(e) => setDecidedBy(e.currentTarget.value)}
          error={action.fieldError('decidedBy')}
        />
        <TextInput
          type="date"
          label={t('fields.decidedOn')}
          required
          value={decidedOn}
          onChange={(e) => setDecidedOn(e.currentTarget.value)}
          error={action.fieldError('decidedOn')}
        />
      </FieldRow>
    </ActionForm>
  );
}

/** Issue the certificate of achieved learning outcomes, then complete the mobility. */
export function CertificateForm({ mobility }: { mobility: MobilityView }) {
  const { t } = useTranslation('actions');
  const session = useSession();
  const id = mobility.mobilityId;
  const [issuedBy, setIssuedBy] = useState(session?.name ?? '');
  const [issuedOn, setIssuedOn] = useState(todayLocal());
  const action = useActionMutation<void>({
    path: mobilityPath(id, '/certificate'),
    method: 'POST',
    body: () => ({ certificateId: newId('certificate'), issuedBy, issuedOn }),
    invalidate: afterMobilityWrite(id),
    success: t('certificate.done'),
  });
  return (
    <ActionForm
      intro={t('certificate.intro')}
      submit={t('certificate.submit')}
      onSubmit={() => action.mutate(undefined)}
      pending={action.isPending}
      error={action.errorMessage(['issuedBy', 'issuedOn'])}
    >
      <FieldRow>
        <TextInput
          label={t('fields.issuedBy')}
          required
          value={issuedBy}
          onChange={(e) => setIssuedBy(e.currentTarget.value)}
          error={action.fieldError('issuedBy')}
        />
        <TextInput
          type="date"
          label={t('fields.issuedOn')}
          required
          value={issuedOn}
          onChange={(e) => setIssuedOn(e.currentTarget.value)}
          error={action.fieldError('issuedOn')}
        />
      </FieldRow>
    </ActionForm>
  );
}

export function CompleteForm({ mobility }: { mobility: MobilityView }) {
  const { t } = useTranslation('actions');
  const id = mobility.mobilityId;
  const [completedOn, setCompletedOn] = useState(todayLocal());
  const action = useActionMutation<void>({
    path: mobilityPath(id, '/completion'),
    method: 'POST',
    body: () => ({ completedOn }),
    invalidate: afterMobilityWrite(id),
    success: t('complete.done'),
  });
  return (
    <ActionForm
      intro={t('complete.intro')}
      submit={t('complete.submit')}
      onSubmit={() => action.mutate(undefined)}
      pending={action.isPending}
      error={action.errorMessage(['completedOn'])}
    >
      <TextInput
        type="date"
        label={t('fields.completedOn')}
        required
        value={completedOn}
        onChange={(e) => setCompletedOn(e.currentTarget.value)}
        error={action.fieldError('completedOn')}
      />
    </ActionForm>
  );
}
