// Bounded waits on events: the tests never sleep for a fixed time.
import { existsSync, watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';

/** Resolves with `read()`'s value once `accept` holds, re-checking whenever `onChange` fires; rejects after `ms`. */
export function waitForEvent<T>(
  onChange: vscode.Event<unknown>,
  read: () => T,
  accept: (value: T) => boolean,
  what: string,
  ms = 30_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const value = read();
      if (!accept(value)) return false;
      finish();
      resolve(value);
      return true;
    };
    const subscription = onChange(() => check());
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`Timed out after ${ms} ms waiting for ${what}; last value: ${describe(read())}`));
    }, ms);
    const finish = (): void => {
      clearTimeout(timer);
      subscription.dispose();
    };
    check();
  });
}

/** The diagnostics of `uri` once `accept` holds for them (they arrive as the server publishes them). */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  ms?: number,
): Promise<vscode.Diagnostic[]> {
  return waitForEvent(
    vscode.languages.onDidChangeDiagnostics,
    () => vscode.languages.getDiagnostics(uri),
    accept,
    `${what} in ${uri.fsPath}`,
    ms,
  );
}

/** Resolves when `file` exists, watching its folder; rejects after `ms`. */
export function waitForFile(file: string, ms = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const watcher = watch(dirname(file), (_event, name) => {
      if (name === basename(file) && existsSync(file)) done();
    });
    const timer = setTimeout(() => {
      watcher.close();
      reject(new Error(`Timed out after ${ms} ms waiting for ${file}`));
    }, ms);
    const done = (): void => {
      clearTimeout(timer);
      watcher.close();
      resolve();
    };
    if (existsSync(file)) done();
  });
}

function describe(value: unknown): string {
  const text = JSON.stringify(value, (_key, v) => (v instanceof vscode.Uri ? v.toString() : v));
  return text === undefined ? String(value) : text.slice(0, 2000);
}
