// A type-ahead list driven by the keyboard: type to filter, ↑/↓ to move, Enter to pick,
// Space to tick (when several may be chosen). Used by the assign, status and template pickers.
import { ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { useId, useMemo, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { normalizeForSearch } from '../../../shared/arabic';

export type PickerOption = { id: string; label: string; detail?: ReactNode; keywords?: string[] };

type Props = {
  options: readonly PickerOption[];
  placeholder: string;
  empty: string;
  onPick: (id: string) => void;
  onActive?: (id: string | null) => void;
  ticked?: ReadonlySet<string>;
  onTick?: (id: string) => void;
  testId?: string;
};

export function filterOptions(options: readonly PickerOption[], query: string): PickerOption[] {
  const needle = normalizeForSearch(query.trim()).toLowerCase();
  if (needle === '') return [...options];
  return options.filter((o) => [o.label, ...(o.keywords ?? [])].some((text) => normalizeForSearch(text).toLowerCase().includes(needle)));
}

export function Picker({ options, placeholder, empty, onPick, onActive, ticked, onTick, testId }: Props) {
  const [query, setQuery] = useState('');
  const listId = useId();
  const [active, setActive] = useState(0);
  const shown = useMemo(() => filterOptions(options, query), [options, query]);
  const current = shown[Math.min(active, shown.length - 1)];

  const move = (index: number) => {
    const next = Math.max(0, Math.min(shown.length - 1, index));
    setActive(next);
    onActive?.(shown[next]?.id ?? null);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') move(active + 1);
    else if (event.key === 'ArrowUp') move(active - 1);
    else if (event.key === 'Enter' && current !== undefined) onPick(current.id);
    else if (event.key === ' ' && onTick !== undefined && current !== undefined && query === '') onTick(current.id);
    else return;
    event.preventDefault();
  };

  return (
    <Stack gap="xs" data-testid={testId}>
      <TextInput
        data-autofocus
        value={query}
        onChange={(e) => {
          setQuery(e.currentTarget.value);
          setActive(0);
          onActive?.(filterOptions(options, e.currentTarget.value)[0]?.id ?? null);
        }}
        onKeyDown={onKeyDown}
        placeholder={placeholder}
        aria-label={placeholder}
        role="combobox"
        aria-expanded
        aria-controls={listId}
        aria-activedescendant={current === undefined ? undefined : `${listId}-${current.id}`}
      />
      <ScrollArea.Autosize mah={320}>
        <div role="listbox" id={listId} aria-label={placeholder}>
          {shown.length === 0 && <Text size="sm" c="dimmed" p="xs">{empty}</Text>}
          {shown.map((option, index) => (
            <div
              key={option.id}
              id={`${listId}-${option.id}`}
              role="option"
              className="picker-option"
              aria-selected={option === current}
              aria-checked={ticked === undefined ? undefined : ticked.has(option.id)}
              data-option-id={option.id}
              onMouseEnter={() => move(index)}
              onClick={() => (onTick !== undefined ? onTick(option.id) : onPick(option.id))}
            >
              <Text size="sm">
                {ticked !== undefined && (ticked.has(option.id) ? '☑ ' : '☐ ')}
                {option.label}
              </Text>
              {option.detail !== undefined && <Text size="xs" c="dimmed">{option.detail}</Text>}
            </div>
          ))}
        </div>
      </ScrollArea.Autosize>
    </Stack>
  );
}
