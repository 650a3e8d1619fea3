/** The Anthropic API key: in SecretStorage (set with a command), else ANTHROPIC_API_KEY. Never logged or shown. */
import * as vscode from 'vscode';

const SECRET_KEY = 'backendArchitect.anthropicApiKey';

export class ApiKeys {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  async get(): Promise<string | undefined> {
    const stored = (await this.secrets.get(SECRET_KEY))?.trim();
    return stored || process.env.ANTHROPIC_API_KEY?.trim() || undefined;
  }

  /**
   * Asks for the key in a password box and stores it; an empty entry removes the stored key. A `preset` (the
   * command's argument, for automation and the integration suite) is stored without asking.
   */
  async prompt(preset?: string): Promise<boolean> {
    const value = preset ?? await vscode.window.showInputBox({
      title: 'Set Anthropic API Key',
      prompt: 'Stored in VS Code secret storage, never in settings. Leave empty to remove the stored key (ANTHROPIC_API_KEY is then used if set).',
      password: true,
      ignoreFocusOut: true,
      placeHolder: 'sk-ant-...',
    });
    if (value === undefined) return false;
    if (value.trim()) await this.secrets.store(SECRET_KEY, value.trim());
    else await this.secrets.delete(SECRET_KEY);
    return true;
  }

  onDidChange(listener: () => void): vscode.Disposable {
    return this.secrets.onDidChange((e) => e.key === SECRET_KEY && listener());
  }
}
