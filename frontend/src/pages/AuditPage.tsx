import { admin } from '../api/endpoints';
import { AdminNav } from '../components/AdminNav';
import { AuditLog } from '../components/AuditLog';
import { usePageTitle } from '../components/usePageTitle';

const ADMIN_AUDIT_KEY = ['admin', 'audit'] as const;

/** The instance's append-only audit log (administrators), newest first. */
export default function AuditPage() {
  usePageTitle('Audit log');
  return (
    <div className="stack">
      <h1>Audit log</h1>
      <AdminNav />
      <AuditLog queryKey={ADMIN_AUDIT_KEY} load={admin.audit} />
    </div>
  );
}
