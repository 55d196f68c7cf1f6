import { useState } from 'react';
import { NativeSelect, NumberInput, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Application, CallView } from '../../pages/calls/types';
import { useSession } from '../../session/session';
import { ActionForm } from '../ActionForm';
import { useActionMutation } from '../useActionMutation';
import { lines, optional, todayLocal } from '../values';
import { FieldRow } from '../FieldRow';

const appPath = (call: CallView, a: Application, rest: string) =>
  `/calls/${encodeURIComponent(call.callId)}/applications/${encodeURIComponent(a.applicationId)}${rest}`;
const after = (call: CallView) => [
  ['calls', call.callId],
  ['calls', 'list'],
];

interface Props {
  call: CallView;
  application: Application;
  onDone: () => void;
}

const CRITERIA = ['priorLearning', 'socialSkills', 'personalQualities'] as const;

/** Score an application (0–10) on prior learning, social skills and personal qualities. */
export function EvaluateForm({ call, application, onDone }: Props) {
  const { t } = useTranslation('actions');
  const session = useSession();
  const [scores, setScores] = useState<Record<string, number | string>>({
    priorLearning: '',
    socialSkills: '',
    personalQualities: '',
  });
  const [notes, setNotes] = useState<Record<string, string>>({});
  const action = useActionMutation<void>({
    path: appPath(call, application, '/evaluations'),
    method: 'POST',
    body: () => ({
      evaluatorId: `account:${session?.accountId ?? ''}`,
      ...Object.fromEntries(
        CRITERIA.map((c) => [
          c,
          { score: Number(scores[c]), ...(optional(notes[c] ?? '') && { note: notes[c] }) },
        ]),
      ),
    }),
    invalidate: after(call),
    success: t('evaluate.done'),
    onSuccess: onDone,
  });
  return (
    <ActionForm
      intro={t('evaluate.intro')}
      submit={t('evaluate.submit')}
      onSubmit={() => action.mutate(undefined)}
      pending={action.isPending}
      error={action.errorMessage([...CRITERIA, 'evaluatorId'])}
    >
      {CRITERIA.map((c) => (
        <FieldRow key={c}>
          <NumberInput
            label={t(`evaluate.${c}`)}
            description={t('evaluate.scale')}
            min={0}
            max={10}
            required
            value={scores[c]}
            onChange={(v) => setScores({ ...scores, [c]: v })}
            error={action.fieldError(c)}
          />
          <TextInput
            label={t('evaluate.note', { criterion: t(`evaluate.${c}`) })}
            value={notes[c] ?? ''}
            onChange={(e) => setNotes({ ...notes, [c]: e.currentTarget.value })}
          />
        </FieldRow>
      ))}
    </ActionForm>
  );
}

/** Record an interview with the applicant. */
export function InterviewForm({ call, application, onDone }: Props) {
  const { t } = useTranslation('actions');
  const session = useSession();
  const [interviewers, setInterviewers] = useState(session?.name ?? '');
  const [heldOn, setHeldOn] = useState(todayLocal());
  const [notes, setNotes] = useState('');
  const [languageSkills, setLanguageSkills] = useState('');
  const action = useActionMutation<void>({
    path: appPath(call, application, '/interviews'),
    method: 'POST',
    body: () => ({
      interviewers: lines(interviewers),
      heldOn,
      notes,
      languageSkills: optional(languageSkills),
    }),
    invalidate: after(call),
    success: t('interview.done'),
    onSuccess: onDone,
  });
  return (
    <ActionForm
      intro={t('interview.intro')}
      submit={t('interview.submit')}
      onSubmit={() => action.mutate(undefined)}
      pending={action.isPending}
      error={action.errorMessage(['interviewers', 'heldOn', 'notes', 'languageSkills'])}
    >
      <Textarea
        label={t('interview.interviewers')}
        description={t('fields.oneLine')}
        required
        value={interviewers}
        onChange={(e) => setInterviewers(e.currentTarget.value)}
        error={action.fieldError('interviewers')}
        autosize
        minRows={1}
      />
      <TextInput
        type="date"
        label={t('fields.heldOn')}
        required
        value={heldOn}
        onChange={(e) => setHeldOn(e.currentTarget.value)}
        error={action.fieldError('heldOn')}
      />
      <Textarea
        label={t('fields.notes')}
        value={notes}
        onChange={(e) => setNotes(e.currentTarget.value)}
        error={action.fieldError('notes')}
        autosize
        minRows={2}
      />
      <TextInput
        label={t('interview.languageSkills')}
        value={languageSkills}
        onChange={(e) => setLanguageSkills(e.currentTarget.value)}
        error={action.fieldError('languageSkills')}
      />
    </ActionForm>
  );
}

const DECISIONS = ['selected', 'reserve', 'rejected'] as const;

/** Select, reserve or reject an evaluated and interviewed application, with reasons. */
export function DecideForm({ call, application, onDone }: Props) {
  const { t } = useTranslation(['actions', 'calls']);
  const session = useSession();
  const [decision, setDecision] = useState<(typeof DECISIONS)[number]>('selected');
  const [reasons, setReasons] = useState('');
  const action = useActionMutation<void>({
    path: appPath(call, application, '/decision'),
    method: 'POST',
    body: () => ({ decision, reasons, decidedBy: `account:${session?.accountId ?? ''}` }),
    invalidate: after(call),
    success: t('actions:decide.done'),
    onSuccess: onDone,
  });
  return (
    <ActionForm
      intro={t('actions:decide.intro')}
      submit={t('actions:decide.submit')}
      onSubmit={() => action.mutate(undefined)}
      pending={action.isPending}
      error={action.errorMessage(['decision', 'reasons', 'decidedBy'])}
    >
      <NativeSelect
        label={t('actions:fields.decision')}
        data={DECISIONS.map((d) => ({ value: d, label: t(`calls:stage.${d}`) }))}
        value={decision}
        onChange={(e) =>
          setDecision(DECISIONS.find((d) => d === e.currentTarget.value) ?? 'selected')
        }
        error={action.fieldError('decision')}
      />
      <Textarea
        label={t('actions:decide.reasons')}
        required
        value={reasons}
        onChange={(e) => setReasons(e.currentTarget.value)}
        error={action.fieldError('reasons')}
        autosize
        minRows={2}
      />
    </ActionForm>
  );
}
