import type * as vscode from 'vscode';

/** What `showMultiPick` needs of `vscode.window` (so a test can hand it a fake quick pick). */
export type CreateQuickPick = <T extends vscode.QuickPickItem>() => vscode.QuickPick<T>;

/**
 * A multi-select quick pick where Enter with nothing checked takes the highlighted item (VS Code's
 * own `showQuickPick` answers `[]` then, which looks like nothing happened). Typing a filter
 * highlights the first item whose label contains it, as a single-select pick does. Resolves
 * `undefined` when dismissed.
 */
export function showMultiPick<T extends vscode.QuickPickItem>(
  create: CreateQuickPick,
  items: readonly T[] | Thenable<readonly T[]>,
  options: vscode.QuickPickOptions,
): Promise<T[] | undefined> {
  const pick = create<T>();
  pick.canSelectMany = true;
  pick.title = options.title;
  pick.placeholder = options.placeHolder;
  pick.matchOnDescription = options.matchOnDescription ?? false;
  pick.matchOnDetail = options.matchOnDetail ?? false;
  pick.ignoreFocusOut = options.ignoreFocusOut ?? false;
  let offered: readonly T[] = [];
  const offer = (list: readonly T[]): void => {
    offered = list;
    pick.items = list;
    pick.selectedItems = list.filter((i) => i.picked);
    if (list.length > 0) pick.activeItems = [list[0]];
    pick.busy = false;
  };
  return new Promise<T[] | undefined>((resolve) => {
    let answered = false;
    const finish = (value: T[] | undefined): void => {
      if (answered) return;
      answered = true;
      resolve(value);
      pick.hide();
    };
    const subscriptions = [
      pick.onDidChangeValue((value) => {
        const typed = value.trim().toLowerCase();
        if (typed === '' || pick.activeItems.some((i) => i.label.toLowerCase().includes(typed))) return;
        const first = offered.find((i) => i.label.toLowerCase().includes(typed));
        if (first) pick.activeItems = [first];
      }),
      pick.onDidAccept(() => finish(pick.selectedItems.length > 0 ? [...pick.selectedItems] : [...pick.activeItems])),
      pick.onDidHide(() => {
        finish(undefined);
        for (const s of subscriptions) s.dispose();
        pick.dispose();
      }),
    ];
    if (Array.isArray(items)) offer(items as readonly T[]);
    else {
      pick.busy = true;
      Promise.resolve(items).then(offer, () => finish(undefined));
    }
    pick.show();
  });
}
