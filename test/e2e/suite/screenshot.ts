// Screenshots from inside the extension host: the runner watches the console for the marker line, saves a
// screenshot of the page as `$E2E_OUT_DIR/<name>.png` (written under a temporary name, then renamed) and the test
// waits for that file. Without E2E_OUT_DIR (e.g. under @vscode/test-electron) it does nothing.
import { join } from 'node:path';
import { waitForFile } from './wait';

export const screenshotMarker = '__E2E_SCREENSHOT__:';

export async function screenshot(name: string): Promise<void> {
  const dir = process.env.E2E_OUT_DIR;
  if (!dir) return;
  console.log(`${screenshotMarker}${name}`);
  await waitForFile(join(dir, `${name}.png`));
}
