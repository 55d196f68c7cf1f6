import { useState } from 'react';
import { Checkbox, NumberInput, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PartnershipView } from '../../pages/partnerships/types';
import { useSession } from '../../session/session';
import { ActionForm } from '../ActionForm';
import { useActionMutation } from '../useActionMutation';
import { optional } from '../values';
import { FieldRow } from '../FieldRow';

const partnershipPath = (id: string, rest = '') => `/partnerships/${encodeURIComponent(id)}${rest}`;
const after = (id: string) => [['partnerships', id], ['partnerships', 'list'], ['dashboard']];

/** A party's head signs the MoU version awaiting signatures (its hash) with their account. */
export function SignMouForm({ partnership }: { partnership: PartnershipView }) {
  const { t } = useTranslation('actions');
  const session = useSession();
  const mou = partnership.mou!;
  const id = partnership.partnershipId;
  const [position, setPosition] = useState('');
  const [agreed, setAgreed] = useState(false);
  const [notAgreed, setNotAgreed] = useState(false);
  const intent = t('signMou.intent', { version: mou.version });
  const action = useActionMutation<void>({
    path: partnershipPath(id, `/mou/versions/${mou.version}/signatures`),
    method: 'POST',
    body: () => ({
      contentHash: mou.contentHash,
      institutionId: session?.institutionId ?? '',
      signer: { name: session?.name ?? '', role: position, email: session?.email },
      authMethod: 'account',
      intent,
    }),
    invalidate: after(id),
    success: t('signMou.done'),
  });
  return (
    <ActionForm
      intro={t('signMou.intro')}
      submit={t('signMou.submit')}
      onSubmit={() => {
        setNotAgreed(!agreed);
        if (agreed) action.mutate(undefined);
      }}
      pending={action.isPending}
      error={action.errorMessage(['signer', 'contentHash', 'intent', 'institutionId'])}
    >
      <TextInput
        label={t('fields.signerPosition')}
        required
        value={position}
        onChange={(e) => setPosition(e.currentTarget.value)}
        error={action.fieldError('signer.role')}
      />
      <TextInput label={t('fields.contentHash')} value={mou.contentHash} readOnly />
      <Checkbox
        label={intent}
        checked={agreed}
        onChange={(e) => setAgreed(e.currentTarget.checked)}
        error={notAgreed ? t('sign.mustAgree') : action.fieldError('intent')}
      />
    </ActionForm>
  );
}

/** Amend the MoU: a new version (validity, durations, mentoring); the rest as it stands. */
export function AmendMouForm({ partnership }: { partnership: PartnershipView }) {
  const { t } = useTranslation('actions');
  const id = partnership.partnershipId;
  const content = partnership.mou!.content;
  const [validFrom, setValidFrom] = useState(content.validFrom);
  const [validUntil, setValidUntil] = useState(content.validUntil);
  const [reviewDate, setReviewDate] = useState(content.reviewDate ?? '');
  const [minWeeks, setMinWeeks] = useState<number | string>(content.plannedDurations.minWeeks);
  const [maxWeeks, setMaxWeeks] = useState<number | string>(content.plannedDurations.maxWeeks);
  const [mentoring, setMentoring] = useState(content.mentoring);
  const action = useActionMutation<void>({
    path: partnershipPath(id, '/mou/amendments'),
    method: 'POST',
    body: () => ({
      content: {
        ...content,
        validFrom,
        validUntil,
        reviewDate: optional(reviewDate),
        mentoring,
        plannedDurations: { minWeeks: Number(minWeeks), maxWeeks: Number(maxWeeks) },
      },
    }),
    invalidate: after(id),
    success: t('amendMou.done'),
  });
  const f = (name: string) => action.fieldError(`content.${name}`);
  return (
    <ActionForm
      intro={t('amendMou.intro')}
      submit={t('amendMou.submit')}
      onSubmit={() => action.mutate(undefined)}
      pending={action.isPending}
      error={action.errorMessage([
        'content.validFrom',
        'content.validUntil',
        'content.reviewDate',
        'content.plannedDurations',
        'content.mentoring',
      ])}
    >
      <FieldRow>
        <TextInput
          type="date"
          label={t('fields.validFrom')}
          required
          value={validFrom}
          onChange={(e) => setValidFrom(e.currentTarget.value)}
          error={f('validFrom')}
        />
        <TextInput
          type="date"
          label={t('fields.validUntil')}
          required
          value={validUntil}
          onChange={(e) => setValidUntil(e.currentTarget.value)}
          error={f('validUntil')}
        />
        <TextInput
          type="date"
          label={t('fields.reviewDate')}
          value={reviewDate}
          onChange={(e) => setReviewDate(e.currentTarget.value)}
          error={f('reviewDate')}
        />
      </FieldRow>
      <FieldRow>
        <NumberInput
          label={t('fields.minWeeks')}
          min={1}
          max={52}
          value={minWeeks}
          onChange={setMinWeeks}
          error={f('plannedDurations.minWeeks')}
        />
        <NumberInput
          label={t('fields.maxWeeks')}
          min={1}
          max={52}
          value={maxWeeks}
          onChange={setMaxWeeks}
          error={f('plannedDurations.maxWeeks')}
        />
      </FieldRow>
      <Textarea
        label={t('fields.mentoring')}
        value={mentoring}
        onChange={(e) => setMentoring(e.currentTarget.value)}
        error={f('mentoring')}
        autosize
        minRows={2}
      />
    </ActionForm>
  );
}
