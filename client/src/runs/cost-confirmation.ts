// The confirmation before a run that calls the model: how many tasks would run and what that is estimated to
// cost, from the server's BuildForecastRequest (the same engine code as `ossature build --dry-run`). Skipped
// when `ossature.runs.confirmCost` is off or nothing would call the model.
import { ConfigurationTarget, Uri, window, workspace } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  BuildForecastRequest,
  type BuildForecastResult,
  ValidationSummaryRequest,
} from '../../../shared/src/protocol';
import { settingsSection } from '../settings';
import { auditQuestion, type CostQuestion, costQuestion, forecastParams } from './cost-question';
import { type CliRunRequest, commandVerb } from './run-request';

const DONT_ASK = 'Don’t ask again';

/** Asks; true to go ahead. "Don't ask again" goes ahead and turns `ossature.runs.confirmCost` off. */
export async function confirmRunCost(
  client: LanguageClient,
  request: CliRunRequest,
  projectName: string,
): Promise<boolean> {
  const question = await questionFor(client, request, projectName);
  if (!question) return true;
  const verb =
    request.command === 'audit' && request.args.includes('--replan')
      ? 'Re-plan'
      : commandVerb(request.command);
  const answer = await window.showInformationMessage(
    question.message,
    { modal: true, detail: question.detail },
    verb,
    DONT_ASK,
  );
  if (answer === DONT_ASK) {
    // Where the setting is set now (a workspace value would win over a user one), else for the user.
    const settings = workspace.getConfiguration(settingsSection);
    const where = settings.inspect('runs.confirmCost');
    const target =
      where?.workspaceValue !== undefined ? ConfigurationTarget.Workspace : ConfigurationTarget.Global;
    await settings.update('runs.confirmCost', false, target);
  }
  return answer !== undefined;
}

async function questionFor(
  client: LanguageClient,
  request: CliRunRequest,
  projectName: string,
): Promise<CostQuestion | undefined> {
  if (request.command === 'audit') {
    const summary = await client
      .sendRequest(ValidationSummaryRequest, { uri: Uri.file(request.configFile).toString() })
      .catch(() => undefined);
    const project = summary?.projects.find((p) => p.configFile === request.configFile);
    return auditQuestion(projectName, project?.smd, request.args.includes('--replan'));
  }
  const verb = commandVerb(request.command);
  let forecast: BuildForecastResult;
  try {
    forecast = await client.sendRequest(BuildForecastRequest, forecastParams(request));
  } catch (error) {
    return {
      message: `${verb} ${projectName} with the model? There is no cost estimate: the forecast failed.`,
      detail: error instanceof Error ? error.message : String(error),
    };
  }
  // A project that cannot be forecast cannot be built either: the run itself says why, no need to ask.
  if (forecast.error) return undefined;
  return costQuestion(verb, forecast);
}
