/** Ids of the commands contributed in package.json. No vscode import, so tests can read them. */
export const COMMAND_IDS = {
  analyzeWorkspace: 'backendArchitect.analyzeWorkspace',
  restartServer: 'backendArchitect.restartServer',
  showOutput: 'backendArchitect.showOutput',
  reviewDocument: 'backendArchitect.reviewDocument',
  chatOpen: 'backendArchitect.chat.open',
  chatSetApiKey: 'backendArchitect.chat.setApiKey',
  chatExplainFinding: 'backendArchitect.chat.explainFinding',
  chatReviewFile: 'backendArchitect.chat.reviewFile',
  chatReviewArchitecture: 'backendArchitect.chat.reviewArchitecture',
  chatNewConversation: 'backendArchitect.chat.newConversation',
  chatAttachActiveFile: 'backendArchitect.chat.attachActiveFile',
  showArchitectureMap: 'backendArchitect.showArchitectureMap',
} as const;

export type CommandName = keyof typeof COMMAND_IDS;

/** Built-in command that reveals the Problems view. */
export const OPEN_PROBLEMS_COMMAND = 'workbench.actions.view.problems';
