import { List, SimpleGrid, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/AnchorLink';
import { ErrorMessage } from '../../layout/RouteStates';
import { institutionsQuery, partnershipsQuery } from '../partnerships/queries';

/** The partnerships and institutions the caller may read (the API's lists are scoped). */
export function ScopeLists() {
  const { t } = useTranslation('audit');
  const partnerships = useQuery(partnershipsQuery());
  const institutions = useQuery(institutionsQuery());

  return (
    <section aria-labelledby="audit-scope">
      <Title order={2} id="audit-scope">
        {t('scope.title')}
      </Title>
      <Text size="sm" mb="xs">
        {t('scope.intro')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
        <div>
          <Title order={3} size="h4" id="audit-scope-partnerships">
            {t('scope.partnerships', { count: partnerships.data?.total ?? 0 })}
          </Title>
          {partnerships.isError ? (
            <ErrorMessage error={partnerships.error} onRetry={() => void partnerships.refetch()} />
          ) : !partnerships.data ? (
            <Text>{t('common:app.loading')}</Text>
          ) : partnerships.data.items.length === 0 ? (
            <Text>{t('scope.none')}</Text>
          ) : (
            <List spacing={4} aria-labelledby="audit-scope-partnerships">
              {partnerships.data.items.map((p) => (
                <List.Item key={p.partnershipId}>
                  <AnchorLink
                    to="/app/partnerships/$partnershipId"
                    params={{ partnershipId: p.partnershipId }}
                  >
                    {p.title}
                  </AnchorLink>{' '}
                  <Text component="span" size="sm" c="dimmed">
                    ({p.partnershipId})
                  </Text>
                </List.Item>
              ))}
            </List>
          )}
        </div>
        <div>
          <Title order={3} size="h4" id="audit-scope-institutions">
            {t('scope.institutions', { count: institutions.data?.total ?? 0 })}
          </Title>
          {institutions.isError ? (
            <ErrorMessage error={institutions.error} onRetry={() => void institutions.refetch()} />
          ) : !institutions.data ? (
            <Text>{t('common:app.loading')}</Text>
          ) : institutions.data.items.length === 0 ? (
            <Text>{t('scope.none')}</Text>
          ) : (
            <List spacing={4} aria-labelledby="audit-scope-institutions">
              {institutions.data.items.map((i) => (
                <List.Item key={i.institutionId}>
                  <AnchorLink
                    to="/app/audit/streams/$category/$id"
                    params={{ category: 'institutions', id: i.institutionId }}
                  >
                    {i.legalName}
                  </AnchorLink>{' '}
                  <Text component="span" size="sm" c="dimmed">
                    ({i.institutionId}, {i.country})
                  </Text>
                </List.Item>
              ))}
            </List>
          )}
        </div>
      </SimpleGrid>
    </section>
  );
}
