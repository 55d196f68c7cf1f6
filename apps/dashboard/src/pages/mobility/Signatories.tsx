import { useState } from 'react';
import { Badge, Button, Card, Group, Modal, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SignatoryRole } from '../../api/types';
import { formatDay, formatInstant } from '../../format/format';
import { useActionMutation } from '../../forms/useActionMutation';
import type { MobilityActions } from './permissions';
import { dashboardRowQuery } from './queries';
import type { MobilityView } from './types';
import { personal } from './words';

interface Props {
  mobility: MobilityView;
  actions: MobilityActions;
  past: boolean;
}

/**
 * Per signatory of the current version: signed (when, by whom, how), declined, or pending —
 * reminders sent, escalations, the deadline — with "send a fresh link" for the sending school.
 */
export function Signatories({ mobility, actions, past }: Props) {
  const { t } = useTranslation('mobility');
  const agreement = mobility.agreement;
  const row = useQuery({
    ...dashboardRowQuery(mobility.mobilityId),
    enabled: !past && mobility.phase === 'awaiting-signatures',
  });
  if (!agreement) return null;
  const deadline =
    row.data?.nextDeadline?.kind === 'signature' ? row.data.nextDeadline.due : undefined;
  return (
    <div>
      <Title order={3}>{t('signatories.title', { version: agreement.version })}</Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs">
        {agreement.requiredSignatories.map((role) => (
          <SignatoryBlock
            key={role}
            role={role}
            mobility={mobility}
            deadline={deadline}
            canSendLink={actions.sendLink}
          />
        ))}
      </SimpleGrid>
    </div>
  );
}

function SignatoryBlock({
  role,
  mobility,
  deadline,
  canSendLink,
}: {
  role: SignatoryRole;
  mobility: MobilityView;
  deadline?: string;
  canSendLink: boolean;
}) {
  const { t, i18n } = useTranslation('mobility');
  const lng = i18n.language;
  const agreement = mobility.agreement!;
  const version = agreement.version;
  const signature = agreement.signatures.find((s) => s.role === role);
  const declined = agreement.declinedBy?.role === role ? agreement.declinedBy : undefined;
  const pending = agreement.pendingSignatories.includes(role);
  const reminders = mobility.reminders[`${version}/${role}`] ?? 0;
  const escalations = mobility.escalations
    .filter((key) => key.startsWith(`${version}/${role}/`))
    .map((key) => key.split('/')[2]);
  const expired = mobility.expiredAgreementVersions.includes(version);
  const headingId = `signatory-${role}-title`;

  return (
    <Card
      withBorder
      padding="sm"
      data-testid={`signatory-${role}`}
      aria-labelledby={headingId}
      component="section"
    >
      <Group justify="space-between" gap="xs">
        <Title order={4} id={headingId}>
          {t(`roleTitle.${role}`)}
        </Title>
        <Badge
          variant={signature ? 'filled' : 'outline'}
          color={signature ? '#1b5e20' : declined ? '#b02525' : '#a33b00'}
        >
          {signature
            ? t('signatories.signed')
            : declined
              ? t('signatories.declined')
              : t('signatories.pending')}
        </Badge>
      </Group>
      {signature && (
        <Stack gap={2} mt="xs">
          <Text size="sm">
            {t('signatories.signedBy', {
              name: personal(signature.signer.name) ?? t('common:notDisclosed'),
            })}
          </Text>
          <Text size="sm">
            {t('signatories.signedAt', { time: formatInstant(signature.signedAt, lng) })}
          </Text>
          <Text size="sm">
            {t('signatories.how', { method: t(`authMethod.${signature.authMethod}`) })}
          </Text>
        </Stack>
      )}
      {declined && (
        <Text size="sm" mt="xs">
          {t('signatories.declinedReason', { reason: declined.reason })}
        </Text>
      )}
      {pending && (
        <Stack gap={2} mt="xs">
          <Text size="sm">{t('signatories.reminders', { count: reminders })}</Text>
          <Text size="sm">
            {escalations.length > 0
              ? t('signatories.escalated', {
                  levels: escalations.map((l) => t(`levelName.${l}`)).join(', '),
                })
              : t('signatories.notEscalated')}
          </Text>
          <Text size="sm">
            {expired
              ? t('signatories.expired')
              : deadline
                ? t('signatories.deadline', { date: formatDay(deadline, lng) })
                : t('signatories.deadlinePlannedStart', {
                    date: formatDay(mobility.plannedPeriod.start, lng),
                  })}
          </Text>
          {canSendLink && <SendLinkButton mobility={mobility} role={role} version={version} />}
        </Stack>
      )}
    </Card>
  );
}

/** Records `SigningLinkReissued`: earlier links stop working, the new one goes by mail. */
function SendLinkButton({
  mobility,
  role,
  version,
}: {
  mobility: MobilityView;
  role: SignatoryRole;
  version: number;
}) {
  const { t } = useTranslation('mobility');
  const [open, setOpen] = useState(false);
  const id = mobility.mobilityId;
  const mutation = useActionMutation({
    path: `/mobilities/${encodeURIComponent(id)}/learning-agreement/versions/${version}/signatories/${role}/links`,
    method: 'POST',
    invalidate: [['mobilities', id]],
    success: t('signatories.linkSent', { role: t(`role.${role}`) }),
    onSuccess: () => setOpen(false),
  });
  const label = t('signatories.sendLink', { role: t(`role.${role}`) });
  return (
    <>
      <Button size="xs" variant="outline" mt="xs" onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={label}>
        <Text>{t('signatories.confirmLink', { role: t(`role.${role}`), version })}</Text>
        {mutation.errorMessage() && (
          <Text c="#b02525" role="alert" mt="xs">
            {mutation.errorMessage()}
          </Text>
        )}
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setOpen(false)}>
            {t('actions:dialog.cancel')}
          </Button>
          <Button loading={mutation.isPending} onClick={() => mutation.mutate(undefined)}>
            {t('signatories.confirmSend')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
