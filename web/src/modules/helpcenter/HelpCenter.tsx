// The help center for staff (/kb): articles (list, editor with preview, revisions), categories,
// synonyms and settings as tabs. What the role allows decides what shows: anyone with
// knowledge-base read sees articles; edit writes categories; administrators the synonyms and
// settings (docs/design/helpcenter.md § Access).
import { Link } from '../../app/router';
import { can, useSession } from '../../app/session';
import { ArticleEditor } from './ArticleEditor';
import { ArticleList } from './ArticleList';
import { CategoriesTab } from './CategoriesTab';
import { KbSettingsTab } from './KbSettingsTab';
import { SynonymsTab } from './SynonymsTab';

export function HelpCenter({ path }: { path: string }) {
  const { me } = useSession();
  const parts = path.split('/').filter(Boolean); // ["kb", tab?, id?]
  const tab = parts[1] ?? 'articles';
  const admin = me.access.admin;
  if (tab === 'articles' && parts[2]) return <ArticleEditor key={parts[2]} id={parts[2] === 'new' ? null : parts[2]} />;
  const tabs: [string, string, boolean][] = [
    ['articles', 'Articles', true],
    ['categories', 'Categories', true],
    ['synonyms', 'Synonyms', admin],
    ['settings', 'Public pages', admin],
  ];
  return (
    <section className="helpcenter">
      <div className="page-header">
        <h1>Help center</h1>
        <a href="/help" target="_blank" rel="noopener">
          Open the public help center
        </a>
      </div>
      <nav aria-label="Help center" className="tabs">
        {tabs
          .filter(([, , shown]) => shown)
          .map(([key, label]) => (
            <Link key={key} to={`/kb/${key}`} aria-current={tab === key ? 'page' : undefined}>
              {label}
            </Link>
          ))}
      </nav>
      {tab === 'articles' && <ArticleList canWrite={can(me, 'knowledge_base', 'create')} />}
      {tab === 'categories' && <CategoriesTab canWrite={can(me, 'knowledge_base', 'edit')} />}
      {tab === 'synonyms' && admin && <SynonymsTab />}
      {tab === 'settings' && admin && <KbSettingsTab />}
    </section>
  );
}
