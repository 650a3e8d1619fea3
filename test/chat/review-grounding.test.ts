// The chat's Review Architecture is grounded in the review document: the model receives its checklist and top risks.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { groundedInReview } from '../../server/src/chat/reviewGrounding';
import { ask } from '../../server/src/chat/session';
import { textAnswer } from './fakeAnthropic';
import { CANARY, options, useChatSession } from './helpers';

const s = useChatSession();

describe('review architecture grounding', () => {
  test('sends the review checklist with verdicts and file:line evidence, and the top risks, with the question', async () => {
    s.fake.reply({ kind: 'sse', events: textAnswer(['ok']) });
    const question = await groundedInReview(s.ws, 'Review the architecture of this workspace.');
    const o = await ask({ question, history: [], persona: s.persona, ws: s.ws, toolsEnabled: true, options: options(s.fake.url), onEvent: () => undefined });
    assert.equal(o.status, 'done');
    const body = s.fake.requests[0].body;
    const sent = (body.messages[0].content as { type: string; text: string }[]).map((b) => b.text).join('\n');
    assert.match(sent, /<architecture-review source="Backend Architect analyzer">/);
    assert.match(sent, /## The architect's checklist/);
    assert.match(sent, /\| 2 \| Service boundaries follow DDD \| [^|]+ \|/);
    assert.match(sent, /## Top risks/);
    assert.match(sent, /\[docker-compose\.yml:5\]\(docker-compose\.yml#L5\) hardcoded-secret/, 'evidence is a file:line link');
    assert.match(sent, /Review the architecture of this workspace\.$/);
    assert.ok(!s.fake.allBodies().includes('hunter2pass'), 'no secret value from the compose file');
    assert.ok(!s.fake.allBodies().includes(CANARY));
  });
});
