// Every test file of the VS Code suite, in run order; bundled into out/test/vscode/suite.js.
import './suite/activation.test';
import './suite/diagnostics.test';
// Before the suites that restart the server or leave files edited: the map draws from a settled workspace.
import './suite/map.test';
import './suite/server.test';
import './suite/settings.test';
import './suite/helm.test';
import './suite/quickFix.test';
import './suite/reviewDocument.test';
import './suite/chat.test';
import './suite/chatPanel.test';
