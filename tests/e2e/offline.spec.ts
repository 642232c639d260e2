// The case server goes away and comes back: the desk says it is offline, keeps a reply in its
// outbox, and delivers it once the server is up again. This spec runs its own server and
// browser host (the shared ones cannot be restarted) and stops them whatever happens.
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { messageWith, openByRef, openFirstCase, outboxEmpty, takeOpenCase } from './desk-steps';
import { startOwnStack } from './own-stack';
import type { OwnStack } from './own-stack';

let stack: OwnStack | null = null;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  stack = await startOwnStack({ cases: 2000 });
});

test.afterAll(async () => {
  await stack?.close();
});

async function ownDesk(browser: Browser, hostUrl: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: hostUrl });
  const page = await context.newPage();
  await page.goto('/');
  return page;
}

test('a reply written while the server is down is queued, and delivered after it restarts', async ({ browser, login }) => {
  test.setTimeout(120_000);
  if (stack === null) throw new Error('no stack');
  const agent = await ownDesk(browser, stack.hostUrl);
  await login(agent, 'housing.agent1');
  const opened = await openFirstCase(agent, 'u', 'unassigned');
  await takeOpenCase(agent);
  await expect(agent.getByTestId('status-bar')).toHaveAttribute('data-sync', 'online');

  await stack.stopServer();
  await expect(agent.getByTestId('status-bar')).toHaveAttribute('data-sync', /offline|connecting/, { timeout: 30_000 });
  await expect(agent.getByTestId('sync-state')).toHaveText(/Offline|Connecting/);
  await agent.screenshot({ path: 'tests/e2e/screenshots/offline-en.png' });

  const reply = `Written while offline ${Date.now()}`;
  await agent.keyboard.press('r');
  await agent.keyboard.type(reply);
  await agent.keyboard.press('Control+Enter');
  await expect(agent.getByTestId('composer')).toHaveValue('');
  await expect(messageWith(agent, 'reply', reply)).toBeVisible();
  await expect(agent.getByTestId('outbox-size')).toHaveAttribute('data-count', '1');

  await stack.startServer();
  await expect(agent.getByTestId('status-bar')).toHaveAttribute('data-sync', 'online', { timeout: 60_000 });
  await outboxEmpty(agent);

  const colleague = await ownDesk(browser, stack.hostUrl);
  await login(colleague, 'housing.agent2');
  await openByRef(colleague, opened.ref, opened.id);
  await expect(messageWith(colleague, 'reply', reply)).toBeVisible();
  await agent.context().close();
  await colleague.context().close();
});
