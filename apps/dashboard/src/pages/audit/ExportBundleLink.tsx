import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../session/session';
import { mayExportAuditBundles } from './access';

type Subject = { mobility: string } | { partnership: string } | { institution: string };

/**
 * "Export audit bundle": a link to /app/audit with the export form prefilled, for those who may
 * export (the API decides). The label is in the `audit` namespace, loaded without suspending the
 * page it sits on; `before` (e.g. " · ") is rendered only with the link.
 */
export function ExportBundleLink({ subject, before }: { subject: Subject; before?: string }) {
  const session = useSession();
  const { t, ready } = useTranslation('audit', { useSuspense: false });
  if (!mayExportAuditBundles(session) || !ready) return null;
  return (
    <>
      {before}
      <Link to="/app/audit" search={subject} data-testid="export-bundle-link">
        {t('exportLink')}
      </Link>
    </>
  );
}
