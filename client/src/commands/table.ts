// The one command table: ids and titles of every command the extension contributes. It imports nothing from
// 'vscode', so test/unit/client-commands.test.ts can check package.json `contributes.commands` against it.

export const commandCategory = 'Ossature';

export const commandTable = [{ id: 'ossature.restartServer', title: 'Restart Server' }] as const;

export type CommandId = (typeof commandTable)[number]['id'];
