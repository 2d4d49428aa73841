// The help center's shapes (aliases over the server's OpenAPI document, api/types.ts) and the
// small pure helpers its screens share.
import type { KbArticle, KbArticleInput, KbCategory } from '../../api/types';

export type { KbArticle, KbArticleInput, KbCategory, KbRevision, KbRevisionSummary, KbSettings, KbSynonyms, KbSearchHit } from '../../api/types';

export const STATUSES = ['draft', 'published', 'archived'] as const;
export type ArticleStatus = (typeof STATUSES)[number];

/** The editor's form: every field as the inputs hold it (tags as one comma-separated line). */
export interface ArticleDraft {
  title: string;
  slug: string;
  body: string;
  category_id: string;
  tags: string;
  topic: string;
  language: string;
}

export function draftOf(article: KbArticle | undefined): ArticleDraft {
  return {
    title: article?.title ?? '',
    slug: article?.slug ?? '',
    body: article?.body ?? '',
    category_id: article?.category_id ?? '',
    tags: (article?.tags ?? []).join(', '),
    topic: article?.topic ?? '',
    language: article?.language ?? 'en',
  };
}

/** The request body for a draft: empty optional fields become null (or are left out). */
export function inputOf(draft: ArticleDraft): KbArticleInput {
  const input: KbArticleInput = {
    title: draft.title,
    body: draft.body,
    category_id: draft.category_id || null,
    tags: draft.tags
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
    topic: draft.topic.trim() || null,
    language: draft.language.trim() || 'en',
  };
  // An empty slug is made from the title on create and left as it is on a change.
  if (draft.slug.trim()) input.slug = draft.slug.trim();
  return input;
}

export function categoryName(categories: KbCategory[] | undefined, id: string | null | undefined): string {
  if (!id) return '—';
  return categories?.find((c) => c.id === id)?.name ?? '—';
}
