// The one open dialog, if any (the inbox store holds which).
import { CoverDialog } from '../board/CoverDialog';
import { LeaveDialog } from '../board/LeaveDialog';
import { useInbox } from '../state/inbox';
import { ArchiveTemplateDialog } from '../templates/ArchiveTemplateDialog';
import { AssignDialog } from '../actions/AssignDialog';
import { BulkReplyDialog } from '../actions/BulkReplyDialog';
import { BulkTagsDialog } from '../actions/BulkTagsDialog';
import { NewCaseDialog } from '../actions/NewCaseDialog';
import { StatusDialog } from '../actions/StatusDialog';
import { TagsDialog } from '../actions/TagsDialog';
import { TemplatesDialog } from '../actions/TemplatesDialog';
import { TransferDialog } from '../actions/TransferDialog';
import { OutcomeDialog } from '../actions/OutcomeDialog';

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
      return <BulkReplyDialog caseIds={dialog.caseIds} groupId={dialog.groupId} />;
    case 'newCase':
      return <NewCaseDialog />;
    case 'archiveTemplate':
      return <ArchiveTemplateDialog agencyId={dialog.agencyId} code={dialog.code} title={dialog.title} />;
    case 'leave':
      return <LeaveDialog staffId={dialog.staffId} />;
    case 'cover':
      return <CoverDialog staffId={dialog.staffId} />;
    case 'outcome':
      return <OutcomeDialog caseId={dialog.caseId} />;
    default:
      return null;
  }
}
