// The one open dialog, if any (the inbox store holds which).
import { CoverDialog } from '../board/CoverDialog';
import { LeaveDialog } from '../board/LeaveDialog';
import { useInbox } from '../state/inbox';
import { ArchiveTemplateDialog } from '../templates/ArchiveTemplateDialog';
import { AssignDialog } from './AssignDialog';
import { BulkReplyDialog } from './BulkReplyDialog';
import { BulkTagsDialog } from './BulkTagsDialog';
import { NewCaseDialog } from './NewCaseDialog';
import { StatusDialog } from './StatusDialog';
import { TagsDialog } from './TagsDialog';
import { TemplatesDialog } from './TemplatesDialog';
import { TransferDialog } from './TransferDialog';

export function ActionDialogs() {
  const dialog = useInbox((s) => s.dialog);
  switch (dialog?.type) {
    case 'assign':
      return <AssignDialog caseIds={dialog.caseIds} />;
    case 'status':
      return <StatusDialog caseIds={dialog.caseIds} />;
    case 'transfer':
      return <TransferDialog caseId={dialog.caseId} />;
    case 'tags':
      return <TagsDialog caseId={dialog.caseId} />;
    case 'bulkTags':
      return <BulkTagsDialog caseIds={dialog.caseIds} />;
    case 'templates':
      return <TemplatesDialog />;
    case 'bulkReply':
      return <BulkReplyDialog caseIds={dialog.caseIds} />;
    case 'newCase':
      return <NewCaseDialog />;
    case 'archiveTemplate':
      return <ArchiveTemplateDialog agencyId={dialog.agencyId} code={dialog.code} title={dialog.title} />;
    case 'leave':
      return <LeaveDialog staffId={dialog.staffId} />;
    case 'cover':
      return <CoverDialog staffId={dialog.staffId} />;
    default:
      return null;
  }
}
