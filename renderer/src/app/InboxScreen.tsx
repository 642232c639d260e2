// The working screen: views | list | case, header above, status bar below.
import { useEffect } from 'react';
import { commands } from './commands';
import { ActionDialogs } from './ActionDialogs';
import { useFocusGuard } from './focus-guard';
import { NewCasesAnnouncer } from './NewCasesAnnouncer';
import { StatusBar } from './StatusBar';
import { TopBar } from './TopBar';
import { CasePane } from '../case/CasePane';
import { desk } from '../desk/client';
import { CommandPalette } from './CommandPalette';
import { HelpOverlay } from './HelpOverlay';
import { useShortcuts } from './use-shortcuts';
import { refreshCounts, showView, useInbox } from '../state/inbox';
import { useSync } from '../state/sync';
import { watchAway } from '../state/away';
import { CaseList } from '../inbox/CaseList';
import { SupervisorBoard } from '../board/SupervisorBoard';
import { DashboardScreen } from '../dashboard/DashboardScreen';
import { TemplatesScreen } from '../templates/TemplatesScreen';
import { MassScreen } from '../mass/MassScreen';
import { ViewsSidebar } from '../inbox/ViewsSidebar';

export function InboxScreen() {
  useShortcuts();
  useFocusGuard();
  const screen = useInbox((s) => s.screen);
  useEffect(() => {
    showView(useInbox.getState().view);
    void refreshCounts().catch(() => undefined);
    void desk()['sync.status']().then((status) => useSync.setState(status), () => undefined);
    requestAnimationFrame(() => document.getElementById('case-list')?.focus());
  }, []);
  useEffect(() => watchAway(), []);
  return (
    <div className="inbox-shell">
      <TopBar />
      <main className="inbox-main">
        <ViewsSidebar commands={commands} />
        {screen === 'board' ? (
          <SupervisorBoard />
        ) : screen === 'dashboard' ? (
          <DashboardScreen />
        ) : screen === 'templates' ? (
          <TemplatesScreen commands={commands} />
        ) : screen === 'mass' ? (
          <MassScreen />
        ) : (
          <>
            <CaseList />
            <CasePane />
          </>
        )}
      </main>
      <StatusBar />
      <NewCasesAnnouncer />
      <HelpOverlay />
      <CommandPalette />
      <ActionDialogs />
    </div>
  );
}
