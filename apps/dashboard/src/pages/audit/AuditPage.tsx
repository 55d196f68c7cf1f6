import { Divider, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../session/session';
import { mayExportAuditBundles, mayRunOperations } from './access';
import { CheckpointSection } from './CheckpointSection';
import { ExportSection } from './ExportSection';
import { ScopeLists } from './ScopeLists';
import { StreamSearch } from './StreamSearch';
import { VerifySection } from './VerifySection';

/**
 * /app/audit: search any stream in scope, the partnerships and institutions in scope, export an
 * audit bundle, keep the signed checkpoint; operators also verify the log and rebuild read models.
 * The API enforces the scope; the page only leaves out what the role may not do.
 */
export default function AuditPage() {
  const { t } = useTranslation('audit');
  const session = useSession();
  return (
    <Stack gap="xl">
      <Stack gap={4}>
        <Title order={1}>{t('title')}</Title>
        <Text>{t('intro')}</Text>
      </Stack>
      <StreamSearch />
      <ScopeLists />
      <Divider />
      {mayExportAuditBundles(session) && <ExportSection />}
      <CheckpointSection />
      {mayRunOperations(session) && (
        <>
          <Divider />
          <VerifySection />
        </>
      )}
    </Stack>
  );
}
