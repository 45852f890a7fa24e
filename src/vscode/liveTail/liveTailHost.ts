import * as vscode from 'vscode';
import type { Services } from '../services';
import { exportFileDefaults } from '../../liveTail/exportFormat';
import { describeFindings } from '../../liveTail/findings';
import type { LiveTailHost } from '../../liveTail/liveTailController';
import type { ExportFormat, HostToPage } from '../../liveTail/shared/protocol';
import { hubKey } from '../../hubs/hubKey';
import { promptColumns, readHubColumns } from './columnsPrompt';

const VALIDATE_COMMAND = 'defenderStream.validateSampleJson';
const GETSCHEMA_COMMAND = 'defenderStream.insertGetschemaQuery';
const REPORT_DRIFT_COMMAND = 'defenderStream.reportSchemaDrift';

/** The VS Code side of the controller's requests: clipboard, editors, other commands, the save dialog. */
export function createLiveTailHost(
  services: Services,
  webview: vscode.Webview,
  hub: { readonly configId: string; readonly hubName: string },
): LiveTailHost {
  const hubName = hub.hubName;
  return {
    post(message: HostToPage) {
      void webview.postMessage(message);
    },
    async copy(text) {
      await vscode.env.clipboard.writeText(text);
    },
    async openJson(text) {
      const doc = await vscode.workspace.openTextDocument({ language: 'json', content: text });
      await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.Beside });
    },
    async validate(text) {
      const commands = await vscode.commands.getCommands(true);
      if (!commands.includes(VALIDATE_COMMAND)) return 'Validation is not available in this version of the extension.';
      const findings = await vscode.commands.executeCommand<unknown>(VALIDATE_COMMAND, { text });
      return Array.isArray(findings) ? describeFindings(findings) : undefined;
    },
    async reportDrift() {
      await vscode.commands.executeCommand(REPORT_DRIFT_COMMAND, { configId: hub.configId, hubName: hub.hubName });
    },
    columns() {
      return readHubColumns(services.context.globalState, hubKey(hub.configId, hub.hubName));
    },
    async chooseColumns(request) {
      return promptColumns(services.input, services.context.globalState, hubKey(hub.configId, hub.hubName), request);
    },
    async insertGetschema(tables) {
      await vscode.commands.executeCommand(GETSCHEMA_COMMAND, { tables: [...tables] });
    },
    async saveExport(format: ExportFormat, count, content) {
      const defaults = exportFileDefaults(format, hubName, new Date());
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const uri = await services.input.showSaveDialog({
        title: `Export ${count} record${count === 1 ? '' : 's'} as ${format === 'ndjson' ? 'NDJSON' : format === 'csv' ? 'CSV' : 'an Event Hubs message body'}`,
        saveLabel: 'Export',
        filters: defaults.filters,
        ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, defaults.fileName) } : {}),
      });
      await vscode.workspace.fs.writeFile(uri, Buffer.from(content(), 'utf8'));
      services.log.info(`Live tail: exported ${count} records to ${uri.fsPath}`);
      return uri.scheme === 'file' ? uri.fsPath : uri.toString();
    },
  };
}
