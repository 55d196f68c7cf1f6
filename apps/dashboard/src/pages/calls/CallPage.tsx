import { useState } from 'react';
import { Badge, Button, Card, Group, Modal, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, RoutePending } from '../../layout/RouteStates';
import { formatDay, formatNumber } from '../../format/format';
import { DecideForm, EvaluateForm, InterviewForm } from '../../forms/call/SelectionForms';
import { ActionNotices } from '../../forms/notices';
import { useSession } from '../../session/session';
import { personal } from '../mobility/words';
import { callQuery } from './queries';
import { meanScore, stageOf, STAGES, type Application, type CallView } from './types';

const route = getRouteApi('/app/calls/$callId');
type Action = 'evaluate' | 'interview' | 'decide';

/** One call: the selection pipeline — applications grouped by stage — and its actions. */
export default function CallPage() {
  const { callId } = route.useParams();
  const { t, i18n } = useTranslation('calls');
  const session = useSession();
  const call = useQuery(callQuery(callId));
  const [open, setOpen] = useState<{ action: Action; application: Application } | null>(null);
  const lng = i18n.language;

  if (call.isPending) return <RoutePending />;
  if (call.isError)
    return (
      <Stack>
        <Title order={1}>{callId}</Title>
        <ErrorMessage error={call.error} onRetry={() => void call.refetch()} />
      </Stack>
    );
  const c = call.data;
  const canSelect =
    session !== undefined &&
    (session.role === 'operator' ||
      (session.role === 'coordinator' && session.institutionId === c.sendingInstitutionId));
  const byStage = STAGES.map(
    (stage) => [stage, c.applications.filter((a) => stageOf(a) === stage)] as const,
  );

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Link to="/app/calls" search={{}}>
          {t('backToList')}
        </Link>
        <Title order={1}>{t('placement', { placement: c.placement, country: c.country })}</Title>
        <Group gap="xs">
          <Badge variant="filled" color={c.status === 'open' ? '#1b5e20' : 'gray.8'}>
            {t(`status.${c.status}`)}
          </Badge>
        </Group>
        <Text>
          {t('summary', {
            places: c.places,
            selected: c.selected,
            deadline: formatDay(c.applicationDeadline, lng),
            start: formatDay(c.plannedStart, lng),
            qualification: c.qualificationId,
          })}
        </Text>
        <Link to="/app/partnerships/$partnershipId" params={{ partnershipId: c.partnershipId }}>
          {t('partnership', { id: c.partnershipId })}
        </Link>
      </Stack>
      <ActionNotices />
      <section aria-labelledby="pipeline">
        <Title order={2} id="pipeline">
          {t('pipeline')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} mt="xs">
          {byStage.map(([stage, applications]) => (
            <Card
              key={stage}
              withBorder
              padding="sm"
              component="section"
              aria-labelledby={`stage-${stage}`}
              data-stage={stage}
            >
              <Title order={3} id={`stage-${stage}`} size="h4">
                {t('stageCount', { stage: t(`stage.${stage}`), count: applications.length })}
              </Title>
              {applications.length === 0 ? (
                <Text size="sm">{t('emptyStage')}</Text>
              ) : (
                <Stack
                  gap="xs"
                  mt="xs"
                  component="ul"
                  style={{ listStyle: 'none', padding: 0, margin: 0 }}
                >
                  {applications.map((a) => (
                    <ApplicationItem
                      key={a.applicationId}
                      call={c}
                      application={a}
                      canSelect={canSelect && stage !== 'withdrawn'}
                      onAction={(action) => setOpen({ action, application: a })}
                      lng={lng}
                    />
                  ))}
                </Stack>
              )}
            </Card>
          ))}
        </SimpleGrid>
      </section>
      <Modal
        opened={open !== null}
        onClose={() => setOpen(null)}
        title={
          open
            ? t(`actionTitle.${open.action}`, {
                name: applicantName(open.application) ?? open.application.applicationId,
              })
            : ''
        }
        size="lg"
      >
        {open?.action === 'evaluate' && (
          <EvaluateForm call={c} application={open.application} onDone={() => setOpen(null)} />
        )}
        {open?.action === 'interview' && (
          <InterviewForm call={c} application={open.application} onDone={() => setOpen(null)} />
        )}
        {open?.action === 'decide' && (
          <DecideForm call={c} application={open.application} onDone={() => setOpen(null)} />
        )}
      </Modal>
    </Stack>
  );
}

const applicantName = (a: Application) => personal(a.learner.name);

function ApplicationItem({
  application: a,
  canSelect,
  onAction,
  lng,
}: {
  call: CallView;
  application: Application;
  canSelect: boolean;
  onAction: (action: Action) => void;
  lng: string;
}) {
  const { t } = useTranslation('calls');
  const score = meanScore(a);
  const name = applicantName(a) ?? t('common:notDisclosed');
  const decided = a.decision !== 'pending';
  return (
    <li>
      <Text fw={600}>{name}</Text>
      <Text size="sm">
        {t('applicationMeta', {
          id: a.applicationId,
          evaluations: a.evaluations.length,
          interviews: a.interviews.length,
        })}
        {score !== undefined && ` · ${t('meanScore', { score: formatNumber(score, lng) })}`}
      </Text>
      {canSelect && (
        <Group gap={4} mt={4}>
          <Button
            size="compact-xs"
            variant="outline"
            onClick={() => onAction('evaluate')}
            aria-label={t('evaluateLabel', { name })}
          >
            {t('evaluate')}
          </Button>
          <Button
            size="compact-xs"
            variant="outline"
            onClick={() => onAction('interview')}
            aria-label={t('interviewLabel', { name })}
          >
            {t('interview')}
          </Button>
          {(!decided || a.decision === 'reserve') && (
            <Button
              size="compact-xs"
              variant="outline"
              onClick={() => onAction('decide')}
              aria-label={t('decideLabel', { name })}
            >
              {t('decide')}
            </Button>
          )}
        </Group>
      )}
    </li>
  );
}
