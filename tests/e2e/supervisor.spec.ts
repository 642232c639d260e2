// The supervisor's side: the board's counts (and what an agent sees instead), a reassignment
// from the board by keyboard, and the notice an agent gets when a case is assigned to them.
import { expect, test } from './fixtures';
import { dialog, displayName, goToView, outboxEmpty, selectedCaseId, selectedRow } from './desk-steps';

test('the supervisor board (g s) counts open, overdue and due-today per agent; an agent is told it is for supervisors', async ({ openDesk, login }) => {
  const supervisor = await openDesk();
  await login(supervisor, 'housing.supervisor');
  await expect(supervisor.getByTestId('view-count-inbox')).not.toHaveAttribute('data-count', '');
  await supervisor.keyboard.press('g');
  await supervisor.keyboard.press('s');
  const board = supervisor.getByTestId('supervisor-board');
  await expect(board).toHaveAttribute('data-allowed', 'true');
  const agents = supervisor.getByTestId('board-agent');
  await expect(agents).toHaveCount(7); // six housing agents and their supervisor
  await expect(board).not.toHaveAttribute('data-loading', 'true');
  await expect(supervisor.getByTestId('commitment-chart')).toHaveAttribute('data-ready', 'true');

  // Every open case is someone's or unassigned: the rows add up to the inbox count.
  const inbox = Number(await supervisor.getByTestId('view-count-inbox').getAttribute('data-count'));
  const unassigned = Number(await supervisor.getByTestId('view-count-unassigned').getAttribute('data-count'));
  const open = await agents.evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-open'))));
  expect(open.reduce((a, b) => a + b, 0) + unassigned).toBe(inbox);
  expect(open.some((n) => n > 0)).toBe(true);
  await supervisor.screenshot({ path: 'tests/e2e/screenshots/board-en.png' });

  const agent = await openDesk();
  await login(agent, 'housing.agent6');
  await agent.keyboard.press('g');
  await agent.keyboard.press('s');
  await expect(agent.getByTestId('board-denied')).toContainText('for supervisors');
});

test('from the board: j/k to an agent, Enter lists their cases, x and a move one to a colleague', async ({ openDesk, login }) => {
  const supervisor = await openDesk();
  await login(supervisor, 'housing.supervisor');
  await supervisor.keyboard.press('g');
  await supervisor.keyboard.press('s');
  const agents = supervisor.getByTestId('board-agent');
  await expect(agents).toHaveCount(7);
  await expect(supervisor.getByTestId('commitment-chart')).toHaveAttribute('data-ready', 'true');
  const open = await agents.evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-open'))));
  const from = open.findIndex((n) => n > 0);
  for (let i = 0; i < from; i++) await supervisor.keyboard.press('j');
  const row = supervisor.locator('[data-testid="board-agent"][aria-selected="true"]');
  const agentId = (await row.getAttribute('data-agent-id')) ?? '';
  const before = Number(await row.getAttribute('data-open'));

  await supervisor.keyboard.press('Enter');
  await expect(supervisor.getByTestId('list-filter')).toBeVisible();
  await expect(supervisor.getByTestId('case-row')).toHaveCount(before);
  const caseId = await selectedCaseId(supervisor);
  await supervisor.keyboard.press('x');
  await supervisor.keyboard.press('a');
  await expect(dialog(supervisor, 'assign-dialog')).toBeVisible();
  const to = agentId === 'stf-housing.agent5' ? 'housing.agent4' : 'housing.agent5';
  await supervisor.keyboard.type(to);
  await supervisor.keyboard.press('Enter');
  await expect(dialog(supervisor, 'assign-dialog')).toBeHidden();
  await outboxEmpty(supervisor);
  await expect(supervisor.locator(`[data-testid="case-row"][data-case-id="${caseId}"]`)).toHaveCount(0);

  await supervisor.keyboard.press('Escape');
  await expect(supervisor.getByTestId('supervisor-board')).toBeVisible();
  await expect(supervisor.locator(`[data-testid="board-agent"][data-agent-id="${agentId}"]`)).toHaveAttribute('data-open', String(before - 1), { timeout: 15_000 });
});

test('an agent is notified when the supervisor assigns them a case, and g n opens it', async ({ openDesk, login }) => {
  const agent = await openDesk();
  await login(agent, 'housing.agent1');
  const me = await displayName(agent);

  const supervisor = await openDesk();
  await login(supervisor, 'housing.supervisor');
  await goToView(supervisor, 'u', 'unassigned');
  await expect(selectedRow(supervisor)).toBeVisible();
  const caseId = await selectedCaseId(supervisor);
  const ref = ((await selectedRow(supervisor).locator('.row-ref').textContent()) ?? '').trim();
  await supervisor.keyboard.press('a');
  await supervisor.keyboard.type('housing.agent1');
  await supervisor.keyboard.press('Enter');
  await outboxEmpty(supervisor);

  const notice = agent.getByTestId('assigned-notice');
  await expect(notice).toBeVisible({ timeout: 15_000 });
  await expect(notice).toHaveAttribute('data-case-id', caseId);
  await expect(notice).toContainText(ref);
  await agent.screenshot({ path: 'tests/e2e/screenshots/assigned-notice-en.png' });
  await agent.keyboard.press('g');
  await agent.keyboard.press('n');
  await expect(agent.getByTestId('case-pane')).toHaveAttribute('data-case-id', caseId);
  await expect(agent.getByTestId('case-ref')).toHaveText(ref);
  await expect(agent.getByTestId('case-assignee')).toContainText(me);
  await expect(notice).toBeHidden();
});
