import { Anchor, Badge, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, RoutePending } from '../../layout/RouteStates';
import { formatDay, formatInstant } from '../../format/format';
import { PartnershipActionsPanel } from '../../forms/partnership/PartnershipActionsPanel';
import { useSession } from '../../session/session';
import { personal } from '../mobility/words';
import { ExportBundleLink } from '../audit/ExportBundleLink';
import { MouDiff } from './MouDiff';
import {
  institutionsQuery,
  mouPdf,
  mouSignatures,
  partnershipHistoryQuery,
  partnershipQuery,
} from './queries';
import { ScrollTable } from '../mobility/ScrollTable';

const route = getRouteApi('/app/partnerships/$partnershipId');

/** One partnership: parties, the MoU's versions with their signatures, a diff, actions. */
export default function PartnershipPage() {
  const { partnershipId } = route.useParams();
  const { t, i18n } = useTranslation(['partnerships', 'common']);
  const session = useSession();
  const partnership = useQuery(partnershipQuery(partnershipId));
  const history = useQuery(partnershipHistoryQuery(partnershipId));
  const institutions = useQuery(institutionsQuery());
  const lng = i18n.language;

  if (partnership.isPending) return <RoutePending />;
  if (partnership.isError)
    return (
      <Stack>
        <Title order={1}>{partnershipId}</Title>
        <ErrorMessage error={partnership.error} onRetry={() => void partnership.refetch()} />
      </Stack>
    );
  const p = partnership.data;
  const names = new Map(
    (institutions.data?.items ?? []).map((i) => [i.institutionId, i.legalName] as const),
  );
  const name = (id: string) => names.get(id) ?? id;
  const signatures = history.data ? mouSignatures(history.data) : [];

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Link to="/app/partnerships">{t('partnerships:backToList')}</Link>
        <Title order={1}>{p.title}</Title>
        <Group gap="xs">
          <Badge
            variant="filled"
            color={
              p.status === 'active' ? '#1b5e20' : p.status === 'terminated' ? 'gray.8' : 'blue.8'
            }
          >
            {t(`partnerships:status.${p.status}`)}
          </Badge>
          {p.overdue && (
            <Badge variant="filled" color="#b02525">
              {t('partnerships:overdue')}
            </Badge>
          )}
        </Group>
        <Text>{t('partnerships:coordinator', { name: name(p.coordinatorInstitutionId) })}</Text>
        {p.termination && (
          <Text>
            {t('partnerships:terminated', {
              date: formatDay(p.termination.effectiveOn, lng),
              reason: p.termination.reason,
            })}
          </Text>
        )}
        <Text>
          <Link to="/app/calls" search={{ partnershipId }}>
            {t('partnerships:calls')}
          </Link>
          {' · '}
          <Link to="/app/mobilities" search={{ partnershipId }}>
            {t('partnerships:mobilities')}
          </Link>
          <ExportBundleLink subject={{ partnership: partnershipId }} before=" · " />
        </Text>
      </Stack>

      {session && session.role !== 'auditor' && <PartnershipActionsPanel partnership={p} />}

      <section aria-labelledby="parties">
        <Title order={2} id="parties">
          {t('partnerships:parties')}
        </Title>
        <List>
          {p.parties.map((party) => (
            <List.Item key={party.institutionId}>
              {name(party.institutionId)} — {t(`partnerships:partyRole.${party.role}`)}
            </List.Item>
          ))}
        </List>
      </section>

      <section aria-labelledby="mou">
        <Title order={2} id="mou">
          {t('partnerships:mou.title')}
        </Title>
        {!p.mou ? (
          <Text>{t('partnerships:noMou')}</Text>
        ) : (
          <Stack gap="md">
            <Text>
              {t('partnerships:mou.current', {
                version: p.mou.version,
                status: t(`partnerships:mouStatus.${p.mou.status}`),
              })}{' '}
              {p.mouInForce !== undefined &&
                t('partnerships:mou.inForce', { version: p.mouInForce })}
            </Text>
            {p.mou.pendingParties.length > 0 && (
              <Text>
                {t('partnerships:mou.pending', {
                  parties: p.mou.pendingParties.map(name).join(', '),
                })}
              </Text>
            )}
            {p.mou.declined && (
              <Text>
                {t('partnerships:mou.declined', {
                  party: name(p.mou.declined.institutionId),
                  reason: p.mou.declined.reason,
                })}
              </Text>
            )}
            <ScrollTable label={t('partnerships:mou.versionsCaption')} minWidth={640}>
              <Table striped withTableBorder>
                <Table.Caption>{t('partnerships:mou.versionsCaption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('partnerships:mou.version')}</Table.Th>
                    <Table.Th scope="col">{t('partnerships:mou.status')}</Table.Th>
                    <Table.Th scope="col">{t('partnerships:mou.validity')}</Table.Th>
                    <Table.Th scope="col">{t('partnerships:mou.signatures')}</Table.Th>
                    <Table.Th scope="col">{t('partnerships:mou.document')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {p.mouVersions.map((v) => {
                    const signed = signatures.filter((s) => s.version === v.version);
                    return (
                      <Table.Tr key={v.version}>
                        <Table.Th scope="row">
                          {t('partnerships:mou.versionN', { version: v.version })}
                        </Table.Th>
                        <Table.Td>{t(`partnerships:mouStatus.${v.status}`)}</Table.Td>
                        <Table.Td>
                          {formatDay(v.validFrom, lng)} – {formatDay(v.validUntil, lng)}
                        </Table.Td>
                        <Table.Td>
                          {signed.length === 0 ? (
                            t('partnerships:mou.noSignatures')
                          ) : (
                            <List size="sm">
                              {signed.map((s) => (
                                <List.Item key={`${s.institutionId}-${s.signedAt}`}>
                                  {t('partnerships:mou.signedBy', {
                                    party: name(s.institutionId),
                                    signer: personal(s.signerName) ?? t('common:notDisclosed'),
                                    role: s.signerRole,
                                    time: formatInstant(s.signedAt, lng),
                                  })}
                                </List.Item>
                              ))}
                            </List>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Anchor href={mouPdf(partnershipId, v.version, lng)}>
                            {t('partnerships:mou.pdf', { version: v.version })}
                          </Anchor>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </ScrollTable>
            {p.mouVersions.length >= 2 && (
              <MouDiff partnershipId={partnershipId} count={p.mouVersions.length} />
            )}
          </Stack>
        )}
      </section>
    </Stack>
  );
}
