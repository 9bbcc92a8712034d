import { describe, expect, it } from 'vitest';
import { RESTORE_JOB_OUTCOME_PATTERN } from '#shared/events/restore-job-state-change';
import {
  assertEventPattern,
  type EventPattern,
  matchesEventPattern,
} from '#test/support/emulators/event-pattern';

const backupEvent = (detail: Record<string, unknown>) => ({
  version: '0',
  id: '5d0c3a7e-91f2-4c1b-8a6e-2f4b9c7d1e08',
  'detail-type': 'Restore Job State Change',
  source: 'aws.backup',
  account: '111122223333',
  time: '2026-03-01T04:31:12Z',
  region: 'eu-west-1',
  resources: [
    'arn:aws:backup:eu-west-1:111122223333:recovery-point:4b1e7d2c-9f3a-4c58-b0e6-7a2d5c8f1e94',
  ],
  detail,
});

describe('matchesEventPattern', () => {
  it('matches when every field matches one listed value, ignoring fields the pattern does not name', () => {
    // Arrange
    const event = backupEvent({ restoreJobId: 'J1', status: 'FAILED' });

    // Act
    const matched = matchesEventPattern(RESTORE_JOB_OUTCOME_PATTERN, event);

    // Assert
    expect(matched).toBe(true);
  });

  it('does not match a value outside the list, or another source', () => {
    // Arrange
    const running = backupEvent({ restoreJobId: 'J1', status: 'RUNNING' });
    const otherSource = { ...backupEvent({ status: 'FAILED' }), source: 'x' };

    // Act
    const runningMatched = matchesEventPattern(
      RESTORE_JOB_OUTCOME_PATTERN,
      running
    );
    const otherMatched = matchesEventPattern(
      RESTORE_JOB_OUTCOME_PATTERN,
      otherSource
    );

    // Assert
    expect(runningMatched).toBe(false);
    expect(otherMatched).toBe(false);
  });

  it('requires the field to exist: a CREATED event (state, no status) never matches a status pattern', () => {
    // Arrange
    const created = backupEvent({
      restoreJobId: 'J1',
      creationDate: '2026-03-01T04:15:09.518Z',
      state: 'CREATED',
    });

    // Act
    const matched = matchesEventPattern(RESTORE_JOB_OUTCOME_PATTERN, created);

    // Assert
    expect(matched).toBe(false);
  });

  it('matches [null] only against a present null', () => {
    // Arrange
    const pattern: EventPattern = { detail: { statusMessage: [null] } };

    // Act
    const present = matchesEventPattern(pattern, {
      detail: { statusMessage: null },
    });
    const missing = matchesEventPattern(pattern, { detail: {} });
    const text = matchesEventPattern(pattern, {
      detail: { statusMessage: 'null' },
    });

    // Assert
    expect(present).toBe(true);
    expect(missing).toBe(false);
    expect(text).toBe(false);
  });

  it('compares exactly: case, type and number value', () => {
    // Arrange
    const pattern: EventPattern = {
      detail: { percentDone: [0], dryRun: [false], status: ['COMPLETED'] },
    };

    // Act
    const exact = matchesEventPattern(pattern, {
      detail: { percentDone: 0.0, dryRun: false, status: 'COMPLETED' },
    });
    const stringNumber = matchesEventPattern(pattern, {
      detail: { percentDone: '0', dryRun: false, status: 'COMPLETED' },
    });
    const lowerCase = matchesEventPattern(pattern, {
      detail: { percentDone: 0, dryRun: false, status: 'completed' },
    });
    const stringBoolean = matchesEventPattern(pattern, {
      detail: { percentDone: 0, dryRun: 'false', status: 'COMPLETED' },
    });

    // Assert
    expect(exact).toBe(true);
    expect(stringNumber).toBe(false);
    expect(lowerCase).toBe(false);
    expect(stringBoolean).toBe(false);
  });

  it('matches an event array when it shares one value with the pattern', () => {
    // Arrange
    const pattern: EventPattern = {
      resources: ['arn:b', 'arn:z'],
    };

    // Act
    const shared = matchesEventPattern(pattern, {
      resources: ['arn:a', 'arn:b'],
    });
    const disjoint = matchesEventPattern(pattern, {
      resources: ['arn:a', 'arn:c'],
    });
    const empty = matchesEventPattern(pattern, { resources: [] });

    // Assert
    expect(shared).toBe(true);
    expect(disjoint).toBe(false);
    expect(empty).toBe(false);
  });

  it('needs the same nesting: an object pattern does not match a scalar, nor values an object', () => {
    // Arrange
    const nested: EventPattern = { detail: { status: ['FAILED'] } };
    const flat: EventPattern = { detail: ['FAILED'] };

    // Act
    const scalar = matchesEventPattern(nested, { detail: 'FAILED' });
    const object = matchesEventPattern(flat, { detail: { status: 'FAILED' } });
    const deeper = matchesEventPattern(
      { detail: { job: { status: ['FAILED'] } } },
      { detail: { job: { status: 'FAILED', extra: 1 } } }
    );
    const notAnObject = matchesEventPattern(nested, 'FAILED');

    // Assert
    expect(scalar).toBe(false);
    expect(object).toBe(false);
    expect(deeper).toBe(true);
    expect(notAnObject).toBe(false);
  });

  it('matches an array of objects when one element matches the nested pattern', () => {
    // Arrange
    const pattern: EventPattern = { detail: { items: { type: ['EBS'] } } };

    // Act
    const oneMatches = matchesEventPattern(pattern, {
      detail: { items: [{ type: 'EFS' }, { type: 'EBS' }] },
    });
    const noneMatches = matchesEventPattern(pattern, {
      detail: { items: [{ type: 'EFS' }, 'EBS'] },
    });

    // Assert
    expect(oneMatches).toBe(true);
    expect(noneMatches).toBe(false);
  });

  it('does not treat inherited properties as present', () => {
    // Arrange
    const pattern: EventPattern = { toString: ['x'] };

    // Act
    const matched = matchesEventPattern(pattern, {});

    // Assert
    expect(matched).toBe(false);
  });
});

describe('assertEventPattern', () => {
  it.each([
    ['an empty pattern', {}, /must not be empty/],
    ['an empty nested pattern', { detail: {} }, /detail must not be empty/],
    ['an empty value list', { source: [] }, /at least one value/],
    ['a bare value', { source: 'aws.backup' }, /must be an array/],
    [
      'a content filter',
      { detail: { status: [{ prefix: 'COMP' }] } },
      /no content filters/,
    ],
    ['a non-object', ['aws.backup'], /must be an object/],
  ])('rejects %s', (_name, pattern, message) => {
    // Arrange
    const check = () => assertEventPattern(pattern);

    // Act / Assert
    expect(check).toThrow(message);
  });

  it('rejects an invalid pattern from matchesEventPattern too, instead of never matching', () => {
    // Arrange
    const pattern = { source: 'aws.backup' } as unknown as EventPattern;

    // Act
    const match = () => matchesEventPattern(pattern, { source: 'aws.backup' });

    // Assert
    expect(match).toThrow(/<pattern>\.source must be an array/);
  });

  it('accepts the restore outcome pattern as written', () => {
    // Arrange
    const pattern: unknown = RESTORE_JOB_OUTCOME_PATTERN;

    // Act
    const check = () => assertEventPattern(pattern);

    // Assert
    expect(check).not.toThrow();
  });
});
