// Live decorations on the `[[task]]` lines of an open plan.toml: while a run goes, each task's line ends with
// what it is doing (queued, a turning spinner with its phase and elapsed time) and, once finished, ✓ or ✗ with
// its duration and cost; tasks no run has touched show their plan status. Driven by the run events (LiveTasks)
// and the server's plan view (PlanTasksStore); nothing here reads the plan itself.
import {
  type DecorationOptions,
  type Disposable,
  Range,
  type TextEditor,
  type TextEditorDecorationType,
  ThemeColor,
  window,
} from 'vscode';
import type { LiveTasks } from './live-tasks';
import { isPlanDocument, type PlanTasksStore, sameFile } from './plan-tasks';
import { FRAME_MS, type TaskLabel, taskLabel } from './task-label';

const TONE_COLOR: Record<TaskLabel['tone'], string> = {
  running: 'charts.blue',
  passed: 'testing.iconPassed',
  failed: 'testing.iconFailed',
  muted: 'descriptionForeground',
};

export class PlanDecorations implements Disposable {
  readonly #type: TextEditorDecorationType;
  readonly #disposables: Disposable[] = [];
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly store: PlanTasksStore,
    private readonly live: LiveTasks,
  ) {
    this.#type = window.createTextEditorDecorationType({
      after: { margin: '0 0 0 2em', fontStyle: 'normal' },
    });
    const render = () => this.render();
    this.#disposables.push(
      this.#type,
      store.onDidChange(render),
      live.onDidChange(render),
      window.onDidChangeVisibleTextEditors(render),
    );
    render();
  }

  /** Draws every visible plan editor; keeps a timer for the spinner while any run goes on. */
  render(): void {
    const now = Date.now();
    for (const editor of window.visibleTextEditors) {
      if (isPlanDocument(editor.document)) this.#draw(editor, now);
    }
    if (this.live.anyRunning && this.#timer === undefined) {
      this.#timer = setInterval(() => this.render(), FRAME_MS);
    } else if (!this.live.anyRunning && this.#timer !== undefined) {
      clearInterval(this.#timer);
      this.#timer = undefined;
    }
  }

  #draw(editor: TextEditor, now: number): void {
    const project = this.store.projects.find((p) => sameFile(p.planFile, editor.document.uri.fsPath));
    const document = editor.document;
    const options: DecorationOptions[] = [];
    for (const task of project?.tasks ?? []) {
      const line = task.range.start.line;
      if (line >= document.lineCount) continue;
      const configFile = project?.configFile ?? '';
      const label = taskLabel(task, this.live.get(configFile, task.id), now, this.live.isRunning(configFile));
      const end = document.lineAt(line).range.end;
      options.push({
        range: new Range(end, end),
        renderOptions: { after: { contentText: label.text, color: new ThemeColor(TONE_COLOR[label.tone]) } },
      });
    }
    editor.setDecorations(this.#type, options);
  }

  dispose(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    for (const disposable of this.#disposables) disposable.dispose();
  }
}
