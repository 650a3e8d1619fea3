// Architect Chat webview (bundled by esbuild into dist/webview/chat.js). Everything is built with DOM nodes and text
// nodes (never from HTML strings), links and code actions go through the extension host, and no remote content is loaded.
import { renderMarkdown } from './markdown';
import { treeToDom } from './dom';

(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const app = document.getElementById('app');
  let state;
  let showHistory = false;
  let draft = (vscode.getState() || {}).draft || '';

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') e.className = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else if (v !== undefined && v !== false) e.setAttribute(k, String(v));
    }
    for (const c of children.flat()) if (c !== undefined && c !== null && c !== false) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return e;
  }
  const post = (m) => vscode.postMessage(m);

  // ---- Markdown: markdown-it's tokens as a tree of allowed elements (markdown.ts), made into DOM nodes (dom.ts) ----
  const markdown = (text) => treeToDom(renderMarkdown(text), document, post);

  // ---- rendering ----
  const usageText = (u) => `${u.inputTokens} in · ${u.outputTokens} out · ${u.cacheReadTokens} cache read · ${u.cacheWriteTokens} cache write tokens`;
  const STATUS = { partial: 'Partial answer: the response was cut short.', cancelled: 'Stopped.', error: '' };

  function toolLine(t) {
    return el('div', { class: `tool${t.refused ? ' refused' : ''}`, 'data-tool': t.id }, `${t.running ? '⋯' : t.refused ? '⛔' : '✓'} ${t.summary}`);
  }

  function assistantNode(item, isLast) {
    const persona = state.personas.find((p) => p.id === item.persona);
    const body = el('div', { class: 'body' }, markdown(item.text));
    const node = el('div', { class: 'msg assistant' }, el('div', { class: 'who' }, item.persona), el('div', { class: 'tools' }, item.tools.map(toolLine)), body);
    if (STATUS[item.status]) node.append(el('div', { class: 'status' }, STATUS[item.status]));
    if (item.error) {
      node.append(el('div', { class: 'error' }, item.error.message, ' ',
        item.error.actions.includes('setApiKey') ? el('button', { onclick: () => post({ type: 'action', action: 'setApiKey' }) }, 'Set API key') : '',
        item.error.actions.includes('retry') && isLast ? el('button', { onclick: () => post({ type: 'retry' }) }, 'Retry') : ''));
    } else if (item.status === 'cancelled' && isLast) node.append(el('button', { class: 'secondary', onclick: () => post({ type: 'retry' }) }, 'Retry'));
    if (item.usage) node.append(el('div', { class: 'usage' }, usageText(item.usage)));
    if (isLast && item.status === 'done' && persona && persona.delegates.length) {
      node.append(el('div', { class: 'delegates' }, persona.delegates.map((d) => el('button', { class: 'secondary', title: d.when, onclick: () => post({ type: 'delegate', personaId: d.persona }) }, `Hand off to ${d.persona}`))));
    }
    return node;
  }

  function transcriptNode() {
    const items = state.items.map((it, i) => (it.role === 'user'
      ? el('div', { class: 'msg user' }, el('div', { class: 'who' }, 'You'), it.chips.length ? el('div', { class: 'chips' }, it.chips.map((c) => el('span', { class: 'chip' }, c))) : '', el('div', {}, markdown(it.text)))
      : assistantNode(it, i === state.items.length - 1)));
    return el('div', { class: 'transcript' }, items.length ? items : el('p', { class: 'usage' }, 'Ask about this workspace\'s design. Mention files with @path, attach the active file with +File.'));
  }

  const isAtBottom = (scroller) => !scroller || scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 40;

  /** While an answer streams only the transcript is rebuilt, so typing in the composer is not disturbed. */
  function renderTranscript() {
    const old = app.querySelector('.transcript');
    if (!old) return render();
    const atBottom = isAtBottom(old);
    const next = transcriptNode();
    old.replaceWith(next);
    if (atBottom) next.scrollTop = next.scrollHeight;
  }

  function render() {
    if (!state) return;
    const atBottom = isAtBottom(app.querySelector('.transcript'));
    const personaSelect = el('select', { title: 'Persona', disabled: state.busy, onchange: (e) => post({ type: 'setPersona', personaId: e.target.value }) },
      state.personas.map((p) => el('option', { value: p.id, selected: p.id === state.personaId, title: p.description }, p.source === 'workspace' ? `${p.id} (workspace)` : p.id)));
    const toolbar = el('div', { class: 'toolbar' }, personaSelect,
      el('span', { class: 'model', title: 'backendArchitect.chat.model' }, state.model),
      el('button', { class: 'secondary', title: 'Conversations', onclick: () => { showHistory = !showHistory; render(); } }, 'History'),
      el('button', { class: 'secondary', disabled: state.busy, onclick: () => post({ type: 'newConversation' }) }, 'New'));
    const history = showHistory ? el('div', { class: 'history' }, state.conversations.length ? state.conversations.map((c) => el('div', { class: 'row' },
      el('span', { class: 'title', title: new Date(c.updatedAt).toLocaleString(), onclick: () => { showHistory = false; post({ type: 'openConversation', id: c.id }); } }, c.id === state.conversationId ? `● ${c.title}` : c.title),
      el('button', { class: 'secondary', title: 'Delete', onclick: () => post({ type: 'deleteConversation', id: c.id }) }, '✕'))) : 'No saved conversations.') : '';
    const notices = el('div', { class: 'notices' },
      state.notices.map((n) => el('div', {}, n, !state.trusted && n.includes('not trusted') ? el('button', { class: 'secondary', onclick: () => post({ type: 'action', action: 'trustWorkspace' }) }, 'Manage trust') : '')),
      state.hasKey ? '' : el('div', {}, 'No Anthropic API key is set. ', el('button', { onclick: () => post({ type: 'action', action: 'setApiKey' }) }, 'Set API key')));
    const transcript = transcriptNode();
    const textarea = el('textarea', { placeholder: 'Ask the architect… (Enter to send, Shift+Enter for a new line)', 'aria-label': 'Question' });
    textarea.value = draft;
    textarea.addEventListener('input', () => { draft = textarea.value; vscode.setState({ draft }); });
    const send = () => {
      const text = textarea.value.trim();
      if (!text || state.busy) return;
      draft = '';
      vscode.setState({ draft });
      post({ type: 'send', text });
    };
    textarea.addEventListener('keydown', (e) => { if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); send(); } });
    const composer = el('div', { class: 'composer' },
      el('div', { class: 'chips' },
        state.active ? el('span', { class: `chip${state.active.included ? '' : ' off'}`, title: state.active.included ? `The active ${state.active.kind} goes with the question` : `The active ${state.active.kind} is left out` },
          state.active.label, el('button', { title: state.active.included ? 'Leave it out' : 'Attach it', onclick: () => post({ type: 'toggleActiveFile' }) }, state.active.included ? '✕' : '+')) : '',
        state.chips.map((c) => el('span', { class: 'chip', title: c.kind }, c.label, el('button', { title: 'Remove', onclick: () => post({ type: 'removeChip', id: c.id }) }, '✕')))),
      textarea,
      el('div', { class: 'row' },
        el('button', { class: 'secondary', title: 'Attach the active file or selection', onclick: () => post({ type: 'addActiveFile' }) }, '+File'),
        state.busy ? el('button', { onclick: () => post({ type: 'stop' }) }, 'Stop') : el('button', { onclick: send }, 'Send')));
    const old = app.querySelector('textarea');
    const hadFocus = old && document.activeElement === old;
    const caret = old ? [old.selectionStart, old.selectionEnd] : undefined;
    app.replaceChildren(toolbar, history, notices, transcript, composer);
    if (atBottom) transcript.scrollTop = transcript.scrollHeight;
    if (hadFocus || document.activeElement === document.body) {
      textarea.focus();
      if (caret) textarea.setSelectionRange(caret[0], caret[1]);
    }
  }

  function lastAssistant() {
    const last = state && state.items[state.items.length - 1];
    return last && last.role === 'assistant' ? last : undefined;
  }

  /** For the tests: what is drawn, read back from the DOM. */
  function domReport() {
    const text = (e) => (e.textContent || '').slice(0, 500);
    const diagrams = [...app.querySelectorAll('svg.flowchart')].slice(0, 50).map((svg) => ({
      label: (svg.getAttribute('aria-label') || '').slice(0, 2000),
      nodes: [...svg.querySelectorAll('g.node')].slice(0, 2000).map(text),
      edges: svg.querySelectorAll('path.edge').length,
      width: Math.round(svg.getBoundingClientRect().width),
    }));
    const notes = [...app.querySelectorAll('.diagram-note')].slice(0, 50).map(text);
    return { type: 'dom', diagrams, notes, foreign: document.querySelectorAll('#app :is(img, iframe, object, embed, script, foreignObject)').length };
  }

  let pending;
  window.addEventListener('message', (event) => {
    const m = event.data;
    if (!m || typeof m.type !== 'string') return;
    if (m.type === 'state') {
      state = m;
      render();
    } else if (m.type === 'text') {
      const item = lastAssistant();
      if (!item) return;
      item.text += m.text;
      // Re-render at most once per frame while text streams in.
      if (!pending) pending = requestAnimationFrame(() => { pending = undefined; renderTranscript(); });
    } else if (m.type === 'tool') {
      const item = lastAssistant();
      if (!item) return;
      const i = item.tools.findIndex((t) => t.id === m.tool.id);
      if (i >= 0) item.tools[i] = m.tool;
      else item.tools.push(m.tool);
      renderTranscript();
    } else if (m.type === 'probe') post(domReport());
  });
  post({ type: 'ready' });
})();
