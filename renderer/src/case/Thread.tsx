// The conversation: citizen messages, replies, internal notes (visibly not for the citizen)
// and one-line events, oldest first.
import { Text } from '@mantine/core';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { isolate } from '../format/bidi';
import type { Message } from '../../../shared/domain';
import { DOM_IDS } from '../ui/focus';
import { actorName, eventText } from '../format/event-text';
import type { Names } from '../format/event-text';
import { formatDateTime } from '../format/time';

const MessageView = memo(function MessageView({ message, names }: { message: Message; names: Names }) {
  const { t } = useTranslation();
  const when = formatDateTime(message.createdAt, names.language);
  if (message.kind === 'event') {
    return (
      <div className="message message-event" data-testid="message" data-kind="event" data-message-id={message.id}>
        <Text size="xs" c="dimmed">
          {eventText(message, names, t)} · <time dateTime={new Date(message.createdAt).toISOString()}>{when}</time>
        </Text>
      </div>
    );
  }
  const kindLabel = message.kind === 'note' ? t('thread.note') : message.kind === 'reply' ? t('thread.reply') : null;
  return (
    <article className={`message message-${message.kind}`} data-testid="message" data-kind={message.kind} data-message-id={message.id}>
      <header className="message-head">
        <Text size="xs" fw={600}>{actorName(message.author, names, t)}</Text>
        {kindLabel !== null && <Text size="xs" c={message.kind === 'note' ? 'yellow.9' : 'blue'} fw={500}>{kindLabel}</Text>}
        <Text size="xs" c="dimmed" ms="auto"><time dateTime={new Date(message.createdAt).toISOString()}>{when}</time></Text>
      </header>
      <Text size="sm" className="message-body" dir="auto">{message.body}</Text>
      {message.kind === 'reply' && message.meta?.masterRef !== undefined && (
        <Text size="xs" c="dimmed" data-testid="message-via-master">{t('mass.viaMaster', { ref: isolate(message.meta.masterRef) })}</Text>
      )}
    </article>
  );
});

export function Thread({ messages, names }: { messages: readonly Message[]; names: Names }) {
  const { t } = useTranslation();
  return (
    <section id={DOM_IDS.thread} className="thread" data-testid="thread" aria-label={t('thread.label')} tabIndex={-1}>
      {/* keyed by position: moving to the next case updates the messages in place instead of
          rebuilding each one (a message view holds no state of its own) */}
      {messages.map((m, position) => (
        <MessageView key={position} message={m} names={names} />
      ))}
    </section>
  );
}
