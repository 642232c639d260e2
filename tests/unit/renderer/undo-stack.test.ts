import { describe, expect, it } from 'vitest';
import { canTryUndo, latestUndoable, secondsLeft, toastState } from '../../../renderer/src/state/undo-stack';
import type { UndoEntry } from '../../../renderer/src/state/undo-stack';

const NOW = 1_000_000;
const held = (id: string, createdAt: number, patch: Partial<UndoEntry> = {}): UndoEntry => ({
  mutationId: id, name: 'case.reply', count: 1, createdAt, sendAt: createdAt + 10_000, undoableUntil: null, phase: 'waiting', ...patch,
});
const compensable = (id: string, createdAt: number, patch: Partial<UndoEntry> = {}): UndoEntry => ({
  mutationId: id, name: 'case.take', count: 1, createdAt, sendAt: createdAt + 1_500, undoableUntil: createdAt + 10_000, phase: 'waiting', ...patch,
});

describe('what z takes back', () => {
  it('is the most recent action still in its window, not only one still waiting in the outbox', () => {
    const reply = held('reply', NOW - 5_000);
    const take = compensable('take', NOW - 3_000, { phase: 'applied' });
    expect(latestUndoable([reply, take], NOW)?.mutationId).toBe('take');
  });

  it('passes over an action with an inverse once its window has closed', () => {
    const reply = held('reply', NOW - 12_000, { sendAt: NOW + 1 });
    const take = compensable('take', NOW - 10_001, { phase: 'applied' });
    expect(canTryUndo(take, NOW)).toBe(false);
    expect(latestUndoable([take, reply], NOW)?.mutationId).toBe('reply');
  });

  it('never offers a held action the server has already taken', () => {
    expect(latestUndoable([held('reply', NOW - 1_000, { phase: 'applied' })], NOW)).toBeNull();
  });

  it('still tries a held action past its send time that the server has not taken (offline: the core drops it)', () => {
    expect(latestUndoable([held('reply', NOW - 60_000)], NOW)?.mutationId).toBe('reply');
  });
});

describe('the toast of an action', () => {
  it('counts down while held, then says it is sending, then shows the receipt', () => {
    const reply = held('reply', NOW - 2_500);
    expect(toastState(reply, NOW)).toBe('held');
    expect(secondsLeft(reply.sendAt ?? 0, NOW)).toBe(8);
    expect(toastState(reply, NOW + 7_000)).toBe('held');
    expect(secondsLeft(reply.sendAt ?? 0, NOW + 7_000)).toBe(1);
    expect(toastState(reply, NOW + 7_500 + 1)).toBe('sending');
    expect(toastState({ ...reply, phase: 'sending' }, NOW)).toBe('sending');
    expect(toastState({ ...reply, phase: 'applied' }, NOW + 8_000)).toBe('done');
  });

  it('offers undo for an action with an inverse until its window closes, applied or not', () => {
    const take = compensable('take', NOW);
    expect(toastState(take, NOW + 500)).toBe('undoable');
    expect(toastState({ ...take, phase: 'applied' }, NOW + 9_999)).toBe('undoable');
    expect(toastState({ ...take, phase: 'applied' }, NOW + 10_000)).toBe('done');
  });
});
