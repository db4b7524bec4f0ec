/**
 * `--data state.json`: load at start when present, save after changes (debounced) by writing a
 * temporary file and renaming it over the old one, so a crash never leaves half a file.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { Emulator } from './emulator.js';

const DEBOUNCE_MS = 25;

export class DataFile {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private pending = false;
  private saves = 0;

  constructor(
    private readonly path: string,
    private readonly emulator: Emulator,
  ) {}

  /** Loads the file into the emulator; a missing file is an empty account. */
  async load(): Promise<boolean> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (error) {
      throw new Error(
        `emulator data file ${this.path} is not valid JSON (${(error as Error).message}); fix or delete it`,
        { cause: error },
      );
    }
    this.emulator.load(doc);
    return true;
  }

  /** Marks the state dirty; the save happens shortly after, once per burst of writes. */
  schedule(): void {
    this.pending = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.save();
    }, DEBOUNCE_MS);
    this.timer.unref();
  }

  /** Writes any pending change now and waits for every write in flight. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.pending) await this.save();
    await this.writing;
  }

  private save(): Promise<void> {
    // NOTE: chained so two saves never interleave on the temporary file.
    this.writing = this.writing.then(async () => {
      if (!this.pending) return;
      this.pending = false;
      const tmp = `${this.path}.${process.pid}.${++this.saves}.tmp`;
      await writeFile(tmp, `${JSON.stringify(this.emulator.dump())}\n`, 'utf8');
      await rename(tmp, this.path);
    });
    return this.writing;
  }
}
