import { useState } from 'react';
import { Checkbox, NativeSelect, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SignatoryRole } from '../../api/types';
import type { MobilityView } from '../../pages/mobility/types';
import { localized } from '../../pages/mobility/words';
import { useSession } from '../../session/session';
import { ActionForm } from '../ActionForm';
import { useActionMutation } from '../useActionMutation';
import { useCoveredUnits } from '../useCoveredUnits';
import { afterMobilityWrite, mobilityPath } from './common';
import { FieldRow } from '../FieldRow';

/** Draft version 1 of the Learning Agreement from the plan (no fields). */
export function DraftAgreementForm({ mobility }: { mobility: MobilityView }) {
  const { t } = useTranslation('actions');
  const id = mobility.mobilityId;
  const action = useActionMutation<void>({
    path: mobilityPath(id, '/learning-agreement'),
    method: 'POST',
    invalidate: afterMobilityWrite(id),
    success: t('draft.done'),
  });
  return (
    <ActionForm
      intro={t('draft.intro')}
      submit={t('draft.submit')}
      onSubmit={() => action.mutate(undefined)}
      pending={action.isPending}
      error={action.errorMessage()}
    />
  );
}

/** Amend the agreement: a new version (period, units the MoU covers) with a reason. */
export function AmendAgreementForm({ mobility }: { mobility: MobilityView }) {
  const { t, i18n } = useTranslation('actions');
  const id = mobility.mobilityId;
  const covered = useCoveredUnits(mobility.partnershipId, mobility.qualification.qualificationId);
  const [start, setStart] = useState(mobility.plannedPeriod.start);
  const [end, setEnd] = useState(mobility.plannedPeriod.end);
  const current = mobility.targetedUnits.map((u) => u.unitId);
  const [units, setUnits] = useState<string[]>(current);
  const [reason, setReason] = useState('');
  const action = useActionMutation<void>({
    path: mobilityPath(id, '/learning-agreement/amendments'),
    method: 'POST',
    body: () => {
      const changes: Record<string, unknown> = {};
      if (start !== mobility.plannedPeriod.start || end !== mobility.plannedPeriod.end)
        changes.plannedPeriod = { start, end };
      if (units.join('\n') !== current.join('\n')) changes.targetedUnitIds = units;
      return { changes, reason };
    },
    invalidate: afterMobilityWrite(id),
    success: t('amend.done'),
    onSuccess: () => setReason(''),
  });
  const fields = ['changes.plannedPeriod', 'changes.targetedUnitIds', 'reason', 'changes'];
  const choices =
    covered.units ?? mobility.targetedUnits.map((u) => ({ unitId: u.unitId, title: u.title }));
  return (
    <ActionForm
      intro={t('amend.intro')}
      submit={t('amend.submit')}
      onSubmit={() => action.mutate(undefined)}
      pending={action.isPending}
      error={action.errorMessage(fields)}
    >
      <FieldRow>
        <TextInput
          type="date"
          label={t('fields.plannedStart')}
          value={start}
          onChange={(e) => setStart(e.currentTarget.value)}
          error={action.fieldError('changes.plannedPeriod.start')}
        />
        <TextInput
          type="date"
          label={t('fields.plannedEnd')}
          value={end}
          onChange={(e) => setEnd(e.currentTarget.value)}
          error={action.fieldError('changes.plannedPeriod.end')}
        />
      </FieldRow>
      <Checkbox.Group
        label={t('fields.units')}
        description={t('fields.unitsCovered')}
        value={units}
        onChange={setUnits}
        error={action.fieldError('changes.targetedUnitIds')}
      >
        {choices.map((u) => (
          <Checkbox
            key={u.unitId}
            value={u.unitId}
            label={localized(u.title, i18n.language) || u.unitId}
            mt={4}
          />
        ))}
      </Checkbox.Group>
      <Textarea
        label={t('fields.reason')}
        required
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={action.fieldError('reason')}
        autosize
        minRows={2}
      />
    </ActionForm>
  );
}

/**
 * Sign the current version: a head for their institution's role with their own account, or the
 * sending school's coordinator recording a learner's or guardian's handwritten signature.
 */
export function SignAgreementForm({
  mobility,
  roles,
  handwritten,
}: {
  mobility: MobilityView;
  roles: SignatoryRole[];
  handwritten: boolean;
}) {
  const { t } = useTranslation(['actions', 'mobility']);
  const session = useSession();
  const id = mobility.mobilityId;
  const agreement = mobility.agreement!;
  const [role, setRole] = useState<SignatoryRole>(roles[0]);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [agreed, setAgreed] = useState(false);
  const [notAgreed, setNotAgreed] = useState(false);
  const intent = t('actions:sign.intent', { version: agreement.version });
  const action = useActionMutation<void>({
    path: mobilityPath(id, `/learning-agreement/versions/${agreement.version}/signatures`),
    method: 'POST',
    body: () => ({
      contentHash: agreement.contentHash,
      role,
      authMethod: handwritten ? 'handwritten' : 'account',
      intent,
      signer: handwritten
        ? { id: `${role}:${mobility.learner.learnerId}`, name, email }
        : {
            id: `account:${session?.accountId ?? ''}`,
            name: session?.name ?? '',
            email: session?.email ?? '',
          },
    }),
    invalidate: afterMobilityWrite(id),
    success: t('actions:sign.done', { role: t(`mobility:role.${role}`) }),
  });
  const submit = () => {
    setNotAgreed(!agreed);
    if (agreed) action.mutate(undefined);
  };
  return (
    <ActionForm
      intro={handwritten ? t('actions:sign.introHandwritten') : t('actions:sign.intro')}
      submit={handwritten ? t('actions:sign.submitHandwritten') : t('actions:sign.submit')}
      onSubmit={submit}
      pending={action.isPending}
      error={action.errorMessage(['role', 'signer', 'contentHash', 'intent'])}
    >
      <NativeSelect
        label={t('actions:fields.signatoryRole')}
        data={roles.map((r) => ({ value: r, label: t(`mobility:roleTitle.${r}`) }))}
        value={role}
        onChange={(e) => setRole(e.currentTarget.value as SignatoryRole)}
        error={action.fieldError('role')}
      />
      {handwritten && (
        <FieldRow>
          <TextInput
            label={t('actions:fields.signerName')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={action.fieldError('signer.name')}
          />
          <TextInput
            type="email"
            label={t('actions:fields.signerEmail')}
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={action.fieldError('signer.email')}
          />
        </FieldRow>
      )}
      <TextInput label={t('actions:fields.contentHash')} value={agreement.contentHash} readOnly />
      <Checkbox
        label={intent}
        checked={agreed}
        onChange={(e) => setAgreed(e.currentTarget.checked)}
        error={notAgreed ? t('actions:sign.mustAgree') : action.fieldError('intent')}
      />
    </ActionForm>
  );
}
