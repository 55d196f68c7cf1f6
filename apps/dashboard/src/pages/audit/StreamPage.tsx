import { Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { AnchorLink } from '../../components/AnchorLink';
import { useFormat } from '../../format/useFormat';
import { ErrorMessage, RoutePending } from '../../layout/RouteStates';
import { useSession } from '../../session/session';
import { ScrollTable } from '../mobility/ScrollTable';
import { actorOf, type HistoryEntry } from '../mobility/timeline';
import { mayExportAuditBundles } from './access';
import { streamHistoryQuery, streamItemQuery } from './queries';
import { StreamAsOf } from './StreamAsOf';
import { entriesUntil, isStreamCategory, toTree, type StreamCategory } from './streams';
import { ValueTree } from './ValueTree';

const route = getRouteApi('/app/audit/streams/$category/$id');

/** Who recorded an event, in words: a person's role and institution, a workflow, a link. */
function useActor() {
  const { t } = useTranslation('audit');
  return (entry: HistoryEntry): string => {
    const actor = actorOf(entry);
    if (actor.kind !== 'person') return t(`stream.actor.${actor.kind}`);
    const role = actor.role ? t(`common:role.${actor.role}`, { defaultValue: actor.role }) : '?';
    const who = actor.institutionId
      ? t('stream.actor.person', { role, institution: actor.institutionId })
      : t('stream.actor.personNoInstitution', { role });
    return actor.id ? `${who} (${actor.id})` : who;
  };
}

/** Links from a stream to the object's own page and its audit bundle, where there are. */
function StreamLinks({ category, id }: { category: StreamCategory; id: string }) {
  const { t } = useTranslation('audit');
  const session = useSession();
  const page =
    category === 'mobilities' ? (
      <AnchorLink to="/app/mobilities/$mobilityId" params={{ mobilityId: id }}>
        {t('stream.openPage')}
      </AnchorLink>
    ) : category === 'partnerships' ? (
      <AnchorLink to="/app/partnerships/$partnershipId" params={{ partnershipId: id }}>
        {t('stream.openPage')}
      </AnchorLink>
    ) : category === 'calls' ? (
      <AnchorLink to="/app/calls/$callId" params={{ callId: id }}>
        {t('stream.openPage')}
      </AnchorLink>
    ) : category === 'learners' ? (
      <AnchorLink to="/app/learners/$learnerId" params={{ learnerId: id }}>
        {t('stream.openPage')}
      </AnchorLink>
    ) : undefined;
  const subject =
    category === 'mobilities'
      ? { mobility: id }
      : category === 'partnerships'
        ? { partnership: id }
        : category === 'institutions'
          ? { institution: id }
          : undefined;
  return (
    <Text>
      <AnchorLink to="/app/audit">{t('stream.back')}</AnchorLink>
      {page && <> · {page}</>}
      {subject && mayExportAuditBundles(session) && (
        <>
          {' · '}
          <AnchorLink to="/app/audit" search={subject}>
            {t('exportLink')}
          </AnchorLink>
        </>
      )}
    </Text>
  );
}

/**
 * Any stream in scope (an institution, a learner, …): its history (event, time, actor, version)
 * and its state now or as it stood at `?asOf=`/`?asOfVersion=`, as a key/value tree.
 */
export default function StreamPage() {
  const { category: rawCategory, id } = route.useParams();
  const search = route.useSearch();
  const { t } = useTranslation('audit');
  const f = useFormat();
  const actor = useActor();
  const category: StreamCategory = isStreamCategory(rawCategory) ? rawCategory : 'institutions';
  const asOf = { asOf: search.asOf, asOfVersion: search.asOfVersion };
  const past = search.asOf !== undefined || search.asOfVersion !== undefined;
  const item = useQuery({
    ...streamItemQuery(category, id, asOf),
    enabled: isStreamCategory(rawCategory),
  });
  const history = useQuery({
    ...streamHistoryQuery(category, id),
    enabled: isStreamCategory(rawCategory),
  });

  if (!isStreamCategory(rawCategory))
    return (
      <Stack>
        <Title order={1}>{t('stream.unknownCategory')}</Title>
        <AnchorLink to="/app/audit">{t('stream.back')}</AnchorLink>
      </Stack>
    );
  if (item.isPending && history.isPending) return <RoutePending />;
  const entries = history.data && entriesUntil(history.data, asOf);
  const notYet = past && item.error instanceof ApiError && item.error.status === 404;

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{t('stream.title', { category: t(`category.${category}`), id })}</Title>
        <StreamLinks category={category} id={id} />
      </Stack>

      <StreamAsOf category={category} id={id} />

      <section aria-labelledby="stream-state">
        <Title order={2} id="stream-state">
          {past ? t('stream.stateThen') : t('stream.stateNow')}
        </Title>
        {notYet ? (
          <Text>{t('stream.notYet')}</Text>
        ) : item.isError ? (
          <ErrorMessage error={item.error} onRetry={() => void item.refetch()} />
        ) : !item.data ? (
          <Text>{t('common:app.loading')}</Text>
        ) : (
          <ValueTree node={toTree(item.data)} testId="stream-state" />
        )}
      </section>

      <section aria-labelledby="stream-history">
        <Title order={2} id="stream-history">
          {t('stream.history')}
        </Title>
        <Text size="sm">{past ? t('stream.historyCut') : t('stream.historyIntro')}</Text>
        {history.isError ? (
          <ErrorMessage error={history.error} onRetry={() => void history.refetch()} />
        ) : !entries ? (
          <Text>{t('common:app.loading')}</Text>
        ) : entries.length === 0 ? (
          <Text>{t('stream.noEvents')}</Text>
        ) : (
          <ScrollTable label={t('stream.historyCaption', { id })} minWidth={640}>
            <Table striped data-testid="stream-timeline">
              <caption className="visually-hidden">{t('stream.historyCaption', { id })}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('stream.column.version')}</Table.Th>
                  <Table.Th scope="col">{t('stream.column.event')}</Table.Th>
                  <Table.Th scope="col">{t('stream.column.time')}</Table.Th>
                  <Table.Th scope="col">{t('stream.column.actor')}</Table.Th>
                  <Table.Th scope="col">{t('stream.column.state')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entries.map((e) => (
                  <Table.Tr key={e.version} data-event={e.type}>
                    <Table.Td>{e.version}</Table.Td>
                    <Table.Td>
                      {e.type}
                      {e.personalDataErased && ` (${t('stream.erasedEvent')})`}
                    </Table.Td>
                    <Table.Td>
                      <time dateTime={e.recordedAt}>{f.instant(e.recordedAt)}</time>
                    </Table.Td>
                    <Table.Td>{actor(e)}</Table.Td>
                    <Table.Td>
                      <AnchorLink
                        to="/app/audit/streams/$category/$id"
                        params={{ category, id }}
                        search={{ asOfVersion: e.version }}
                        aria-label={t('stream.stateAfterLabel', { version: e.version })}
                      >
                        {t('stream.stateAfter')}
                      </AnchorLink>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </section>
    </Stack>
  );
}
