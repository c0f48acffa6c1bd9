// The workbench's running world and its journal. Every change (a card action, a sent mail, a cell
// edit, a clock jump) is applied to the world AND appended to .workbench/world.json; a restart
// replays the journal on a fresh demo world. The world is seeded and deterministic, so the replay
// rebuilds the same state without any serialization of the emulator's internals.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DEMO_START, runCandidateBehaviour, seedDemo } from './demo';
import type { AddonCall, AddonResult, OutgoingMail, WorkbenchWorld } from './world-adapter';
import { createWorld } from './world-adapter';

export type JournalEntry =
  | { op: 'addon'; call: AddonCall }
  | { op: 'send'; mail: OutgoingMail }
  | { op: 'read'; user: string; threadId: string }
  | { op: 'setCell'; id: string; tab: string; row: number; col: number; value: string }
  | { op: 'advance'; ms: number };

interface JournalFile {
  version: 1;
  entries: JournalEntry[];
}

/** Clock jumps advance in steps of this size so triggers fire in order and progress shows. */
export const CLOCK_STEP_MS = 3600_000;

export class Session {
  readonly world: WorkbenchWorld;
  readonly spreadsheetId: string;
  private readonly entries: JournalEntry[] = [];

  constructor(
    private readonly journalPath: string | undefined,
    projectDir?: string,
  ) {
    this.world = createWorld(DEMO_START, projectDir);
    this.spreadsheetId = seedDemo(this.world);
  }

  /** Replays a saved journal; returns how many entries were replayed. */
  restore(onProgress?: (done: number, total: number) => void): number {
    if (!this.journalPath || !existsSync(this.journalPath)) return 0;
    const file = parseJournal(readFileSync(this.journalPath, 'utf8'), this.journalPath);
    file.entries.forEach((entry, i) => {
      this.apply(entry);
      this.entries.push(entry);
      onProgress?.(i + 1, file.entries.length);
    });
    return file.entries.length;
  }

  runAddon(call: AddonCall): AddonResult {
    return this.record({ op: 'addon', call }) as AddonResult;
  }

  send(mail: OutgoingMail) {
    return this.record({ op: 'send', mail });
  }

  markRead(user: string, threadId: string) {
    this.record({ op: 'read', user, threadId });
  }

  setCell(id: string, tab: string, row: number, col: number, value: string) {
    this.record({ op: 'setCell', id, tab, row, col, value });
  }

  /** One step of a clock jump (at most CLOCK_STEP_MS); the caller loops and reports progress. */
  advanceStep(ms: number) {
    this.record({ op: 'advance', ms: Math.min(ms, CLOCK_STEP_MS) });
  }

  private record(entry: JournalEntry): unknown {
    const result = this.apply(entry);
    this.entries.push(entry);
    this.save();
    return result;
  }

  private apply(entry: JournalEntry): unknown {
    switch (entry.op) {
      case 'addon':
        return this.world.runAddon(entry.call);
      case 'send':
        return this.world.send(entry.mail);
      case 'read':
        return this.world.markRead(entry.user, entry.threadId);
      case 'setCell':
        return this.world.setCell(entry.id, entry.tab, entry.row, entry.col, entry.value);
      case 'advance':
        this.world.advance(entry.ms);
        runCandidateBehaviour(this.world);
        return undefined;
    }
  }

  private save() {
    if (!this.journalPath) return;
    mkdirSync(dirname(this.journalPath), { recursive: true });
    const file: JournalFile = { version: 1, entries: this.entries };
    writeFileSync(this.journalPath, JSON.stringify(file));
  }
}

function parseJournal(text: string, path: string): JournalFile {
  try {
    const file = JSON.parse(text) as JournalFile;
    if (file.version === 1 && Array.isArray(file.entries)) return file;
  } catch {
    // fall through to the clear error below
  }
  throw new Error(
    `WORKBENCH_JOURNAL: ${path} is not a workbench journal. Start from the demo with ` +
      '`npm start -- --fresh` (the file is then replaced).',
  );
}
