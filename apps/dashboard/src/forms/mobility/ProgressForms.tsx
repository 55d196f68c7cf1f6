import { useState } from 'react';
import { NativeSelect, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MobilityView } from '../../pages/mobility/types';
import { ActionForm } from '../ActionForm';
import { useActionMutation } from '../useActionMutation';
import { newId, todayLocal } from '../values';
import { afterMobilityWrite, mobilityPath } from './common';
import { FieldRow } from '../FieldRow';

/** A single date and a submit button: start, end. */
function DateActionForm({
  mobility,
  route,
  field,
  name,
}: {
  mobility: MobilityView;
  route: string;
  field: string;
  name: 'start' | 'end';
}) {
  const { t } = useTranslation('actions');
  const id = mobility.mobilityId;
  const [date, setDate] = useState(todayLocal());
  const action = useActionMutation<void>({
    path: mobilityPath(id, route),
    method: 'POST',
    body: () => ({ [field]: date }),
    invalidate: afterMobilityWrite(id),
    success: t(`${name}.done`),
  });
  return (
    <ActionForm
      intro={t(`${name}.intro`)}
      submit={t(`${name}.submit`)}
      onSubmit={() => action.mutate(undefined)}
      pending={action.isPending}
      error={action.errorMessage([field])}
    >
      <TextInput
        type="date"
        label={t(`fields.${field}`)}
        required
        value={date}
        onChange={(e) => setDate(e.currentTarget.value)}
        error={action.fieldError(field)}
      />
    </ActionForm>
  );
}

export const StartForm = ({ mobility }: { mobility: MobilityView }) => (
  <DateActionForm mobility={mobility} route="/start" field="actualStart" name="start" />
);

export const EndForm = ({ mobility }: { mobility: MobilityView }) => (
  <DateActionForm mobility={mobility} route="/end" field="actualEnd" name="end" />
);

const CHANNELS = ['on-site', 'video', 'phone', 'message'] as const;

/** A mentor's check-in during the mobility. */
export function CheckInForm({
  mobility,
  side,
}: {
  mobility: MobilityView;
  side: 'sending' | 'host';
}) {
  const { t } = useTranslation(['actions', 'mobility']);
  const id = mobility.mobilityId;
  const [mentor, setMentor] = useState<'sending' | 'host'>(side);
  const [heldOn, setHeldOn] = useState(todayLocal());
  const [channel, setChannel] = useState<(typeof CHANNELS)[number]>('video');
  const [wellbeing, setWellbeing] = useState<'good' | 'concerns'>('good');
  const [notes, setNotes] = useState('');
  const action = useActionMutation<void>({
    path: mobilityPath(id, '/check-ins'),
    method: 'POST',
    body: () => ({ checkInId: newId('checkin'), mentor, heldOn, channel, notes, wellbeing }),
    invalidate: afterMobilityWrite(id),
    success: t('actions:checkIn.done'),
    onSuccess: () => setNotes(''),
  });
  return (
    <ActionForm
      intro={t('actions:checkIn.intro')}
      submit={t('actions:checkIn.submit')}
      onSubmit={() => action.mutate(undefined)}
      pending={action.isPending}
      error={action.errorMessage(['mentor', 'heldOn', 'channel', 'notes', 'wellbeing'])}
    >
      <FieldRow>
        <NativeSelect
          label={t('actions:fields.mentor')}
          data={(['sending', 'host'] as const).map((s) => ({
            value: s,
            label: t(`mobility:mentorSide.${s}`),
          }))}
          value={mentor}
          onChange={(e) => setMentor(e.currentTarget.value === 'host' ? 'host' : 'sending')}
          error={action.fieldError('mentor')}
        />
        <TextInput
          type="date"
          label={t('actions:fields.heldOn')}
          required
          value={heldOn}
          onChange={(e) => setHeldOn(e.currentTarget.value)}
          error={action.fieldError('heldOn')}
        />
      </FieldRow>
      <FieldRow>
        <NativeSelect
          label={t('actions:fields.channel')}
          data={CHANNELS.map((c) => ({ value: c, label: t(`mobility:channel.${c}`) }))}
          value={channel}
          onChange={(e) => setChannel(CHANNELS.find((c) => c === e.currentTarget.value) ?? 'video')}
          error={action.fieldError('channel')}
        />
        <NativeSelect
          label={t('actions:fields.wellbeing')}
          data={(['good', 'concerns'] as const).map((w) => ({
            value: w,
            label: t(`mobility:wellbeing.${w}`),
          }))}
          value={wellbeing}
          onChange={(e) => setWellbeing(e.currentTarget.value === 'concerns' ? 'concerns' : 'good')}
          error={action.fieldError('wellbeing')}
        />
      </FieldRow>
      <Textarea
        label={t('actions:fields.notes')}
        value={notes}
        onChange={(e) => setNotes(e.currentTarget.value)}
        error={action.fieldError('notes')}
        autosize
        minRows={2}
      />
    </ActionForm>
  );
}

/** The host issues the transcript of records once every unit is assessed. */
export function TranscriptForm({ mobility }: { mobility: MobilityView }) {
  const { t } = useTranslation('actions');
  const id = mobility.mobilityId;
  const [issuedOn, setIssuedOn] = useState(todayLocal());
  const [issuedBy, setIssuedBy] = useState('');
  const action = useActionMutation<void>({
    path: mobilityPath(id, '/transcript'),
    method: 'POST',
    body: () => ({ transcriptId: newId('transcript'), issuedOn, issuedBy }),
    invalidate: afterMobilityWrite(id),
    success: t('transcript.done'),
  });
  return (
    <ActionForm
      intro={t('transcript.intro')}
      submit={t('transcript.submit')}
      onSubmit={() => action.mutate(undefined)}
      pending={action.isPending}
      error={action.errorMessage(['issuedOn', 'issuedBy'])}
    >
      <FieldRow>
        <TextInput
          type="date"
          label={t('fields.issuedOn')}
          required
          value={issuedOn}
          onChange={(e) => setIssuedOn(e.currentTarget.value)}
          error={action.fieldError('issuedOn')}
        />
        <TextInput
          label={t('fields.issuedBy')}
          required
          value={issuedBy}
          onChange={(e) => setIssuedBy(e.currentTarget.value)}
          error={action.fieldError('issuedBy')}
        />
      </FieldRow>
    </ActionForm>
  );
}

/** Cancel a planned or running mobility, with a reason. */
export function CancelForm({ mobility }: { mobility: MobilityView }) {
  const { t } = useTranslation('actions');
  const id = mobility.mobilityId;
  const [reason, setReason] = useState('');
  const [cancelledOn, setCancelledOn] = useState(todayLocal());
  const action = useActionMutation<void>({
    path: mobilityPath(id, '/cancellation'),
    method: 'POST',
    body: () => ({ reason, cancelledOn }),
    invalidate: afterMobilityWrite(id),
    success: t('cancel.done'),
  });
  return (
    <ActionForm
      intro={t('cancel.intro')}
      submit={t('cancel.submit')}
      onSubmit={() => action.mutate(undefined)}
      pending={action.isPending}
      error={action.errorMessage(['reason', 'cancelledOn'])}
    >
      <Textarea
        label={t('fields.reason')}
        required
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={action.fieldError('reason')}
        autosize
        minRows={2}
      />
      <TextInput
        type="date"
        label={t('fields.cancelledOn')}
        required
        value={cancelledOn}
        onChange={(e) => setCancelledOn(e.currentTarget.value)}
        error={action.fieldError('cancelledOn')}
      />
    </ActionForm>
  );
}
