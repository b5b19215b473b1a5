// The pull-request comment of the GitHub Action: one comment per pull request, found again by a
// hidden marker and updated on every push. GitHub refuses comment bodies over 65,536 characters,
// so a long plan is cut at a line, its open code fence and <details> closed, and a note added.
export const COMMENT_MARKER = '<!-- stageform-plan -->';
export const GITHUB_COMMENT_LIMIT = 65_536;

export interface PlanCommentInput {
  /**
   * The plan as `plan --format markdown` rendered it: its banner already names what will be
   * replaced or stopped, so the comment adds no banner of its own (it named them twice).
   */
  readonly markdown: string;
  /** Where the whole plan is when the comment had to be cut. */
  readonly fullPlanAt: string;
  readonly limit?: number;
}

/** The comment body: marker, then the plan (cut to the limit). */
export function buildPlanComment(input: PlanCommentInput): string {
  const limit = input.limit ?? GITHUB_COMMENT_LIMIT;
  const head = `${COMMENT_MARKER}\n`;
  const whole = head + input.markdown;
  if (whole.length <= limit) return whole;
  const note = `\n> [!NOTE]\n> The plan is longer than a GitHub comment can hold (${limit.toLocaleString('en-US')} characters) and was cut here. ${input.fullPlanAt}\n`;
  // Room for the note and for closing a fence and a <details> left open by the cut.
  const room = limit - head.length - note.length - '\n```\n</details>\n'.length;
  let body = input.markdown.slice(0, Math.max(0, room));
  const lastNewline = body.lastIndexOf('\n');
  if (lastNewline > 0) body = body.slice(0, lastNewline + 1);
  if ((body.match(/^```/gm) ?? []).length % 2 === 1) body += '```\n';
  if ((body.match(/<details>/g) ?? []).length > (body.match(/<\/details>/g) ?? []).length) body += '</details>\n';
  return head + body + note;
}

export interface GithubTarget {
  /** GITHUB_API_URL: https://api.github.com, a GitHub Enterprise Server's, or a test's stub server. */
  readonly apiUrl: string;
  readonly token: string;
  /** owner/name */
  readonly repository: string;
  readonly issueNumber: number;
}

/** Creates the plan comment, or updates the one that carries the marker. Returns what was done. */
export async function upsertPlanComment(target: GithubTarget, body: string, fetchImpl: typeof fetch = fetch): Promise<{ action: 'created' | 'updated'; id: number }> {
  const base = `${target.apiUrl.replace(/\/+$/, '')}/repos/${target.repository}`;
  const headers = {
    accept: 'application/vnd.github+json',
    authorization: `Bearer ${target.token}`,
    'content-type': 'application/json',
    'user-agent': 'stageform-action',
    'x-github-api-version': '2022-11-28',
  };
  const request = async (method: string, url: string, payload?: unknown): Promise<unknown> => {
    const response = await fetchImpl(url, { method, headers, body: payload === undefined ? undefined : JSON.stringify(payload) });
    if (!response.ok) throw new Error(`GitHub API ${method} ${new URL(url).pathname} answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
    return await response.json();
  };

  let existing: number | undefined;
  for (let page = 1; existing === undefined; page++) {
    const comments = (await request('GET', `${base}/issues/${target.issueNumber}/comments?per_page=100&page=${page}`)) as { id: number; body?: string }[];
    existing = comments.find((c) => c.body?.startsWith(COMMENT_MARKER))?.id;
    if (comments.length < 100) break;
  }
  if (existing !== undefined) {
    await request('PATCH', `${base}/issues/comments/${existing}`, { body });
    return { action: 'updated', id: existing };
  }
  const created = (await request('POST', `${base}/issues/${target.issueNumber}/comments`, { body })) as { id: number };
  return { action: 'created', id: created.id };
}
