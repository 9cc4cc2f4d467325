/**
 * Outputs appear whole or not at all (issue 10 §3): a run writes into a temporary folder beside
 * `--out`, and only when every output is written are they moved into `--out`, replacing those of
 * an earlier run (its `thu-nhac/` included, so two runs' messages never mix). A failure before the
 * move leaves `--out` as it was; the temporary folder is removed either way. Other files in
 * `--out` (the demo's `tinh-mau.xlsx`, the user's own) are left alone.
 */
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { messages } from '../core';
import { CliError, writeError as fail } from './errors';

export interface Stage {
  /** The staged path of an output (a file or a folder name inside `--out`). */
  path(name: string): string;
  /** A file from a string, bytes, or consecutive pieces of bytes (written one after another). */
  write(name: string, data: string | Uint8Array | Uint8Array[]): void;
  /** Write with a function given the staged path (a streamed file). */
  writeWith(name: string, writer: (path: string) => void): void;
  mkdir(name: string): void;
  /**
   * Move the staged outputs into `dir`; every name in `replace` that was not staged is removed
   * from `dir` (an earlier run's output this run does not produce).
   */
  commit(replace: string[]): void;
  /**
   * Remove the temporary folder (after a commit or a failure). Never throws (it runs in a
   * `finally`, where it must not hide the run's own error): a folder that cannot be removed is
   * returned, for the caller to mention.
   */
  dispose(): string | null;
}

export function stageOutputs(dir: string): Stage {
  const out = resolve(dir);
  const parent = dirname(out);
  let tmp: string;
  try {
    mkdirSync(parent, { recursive: true });
    tmp = mkdtempSync(join(parent, `.${basename(out)}.tam-`));
  } catch (e) {
    throw fail(out, e);
  }
  const staged = new Set<string>();
  /** The earlier run's outputs could not be put back: the temporary folder is kept, not removed. */
  let keep = false;
  // an exit in the middle (a closed stdout pipe exits at once) still removes the folder
  const onExit = () => {
    if (!keep) rmSync(tmp, { recursive: true, force: true });
  };
  const onExitQuiet = () => {
    try {
      onExit();
    } catch {
      /* at exit there is no one left to tell */
    }
  };
  process.on('exit', onExitQuiet);
  const stage: Stage = {
    path: (name) => join(tmp, 'moi', name),
    write(name, data) {
      stage.writeWith(name, (p) => {
        if (!Array.isArray(data)) {
          writeFileSync(p, data);
          return;
        }
        const fd = openSync(p, 'w');
        try {
          for (const piece of data) for (let o = 0; o < piece.length;) o += writeSync(fd, piece, o, piece.length - o);
        } finally {
          closeSync(fd);
        }
      });
    },
    writeWith(name, writer) {
      const p = stage.path(name);
      try {
        mkdirSync(dirname(p), { recursive: true });
        writer(p);
      } catch (e) {
        throw fail(join(out, name), e);
      }
      staged.add(name.split(/[\\/]/)[0]);
    },
    mkdir(name) {
      try {
        mkdirSync(stage.path(name), { recursive: true });
      } catch (e) {
        throw fail(join(out, name), e);
      }
      staged.add(name);
    },
    commit(replace) {
      const old = join(tmp, 'cu');
      const aside: string[] = [];
      const moved: string[] = [];
      try {
        mkdirSync(out, { recursive: true });
        mkdirSync(old, { recursive: true });
        // set the earlier run's outputs aside, then move the new ones in
        for (const name of new Set([...replace, ...staged])) {
          if (!existsSync(join(out, name))) continue;
          renameSync(join(out, name), join(old, name));
          aside.push(name);
        }
        for (const name of staged) {
          renameSync(stage.path(name), join(out, name));
          moved.push(name);
        }
      } catch (e) {
        // put the earlier run back as it was
        for (const name of moved) rmSync(join(out, name), { recursive: true, force: true });
        for (const name of aside) {
          try {
            renameSync(join(old, name), join(out, name));
          } catch (_e) {
            keep = true; // still in <tmp>/cu: never delete the only copy
          }
        }
        if (keep) throw new CliError(messages.CLI.earlierOutputsKept(out, (e as NodeJS.ErrnoException).code ?? (e as Error).message, old));
        throw fail(out, e);
      }
    },
    dispose() {
      process.removeListener('exit', onExitQuiet);
      try {
        onExit();
        return keep ? tmp : null;
      } catch {
        return tmp;
      }
    },
  };
  return stage;
}

/** Atomic replacement of one file: write beside it, then rename over it. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = join(dirname(resolve(path)), `.${basename(path)}.tam-${process.pid}`);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw fail(path, e);
  }
}
