// The shapes the server serves, as names the app uses: aliases over schema.d.ts, which is
// generated from the server's OpenAPI document (`make web-types`; see web/README.md). A shape
// the app needs that the document lacks is fixed in src/http/openapi.cpp, not written here.
import type { components } from './schema';

type Schemas = components['schemas'];

export type Level = Schemas['AccessLevel'];
export type Access = Schemas['Access'];
export type ObjectName =
  | 'customers'
  | 'companies'
  | 'interactions'
  | 'audit'
  | 'tickets'
  | 'queues'
  | 'canned_replies'
  | 'sla_policies'
  | 'knowledge_base'
  | 'tasks'
  | 'surveys'
  | 'reviews'
  | 'loyalty'
  | 'loyalty_programmes';
export type ActionName = 'read' | 'create' | 'edit' | 'delete' | 'export' | 'import';

export type User = Schemas['User'];
export type Me = Schemas['Me'];

export type Email = Schemas['Email'];
export type Phone = Schemas['Phone'];
export type Address = Schemas['Address'];
export type ConsentState = Schemas['ConsentState'];

export type Customer = Schemas['Customer'];
export type Company = Schemas['Company'];
export type Interaction = Schemas['Interaction'];
export type CustomerValue = Schemas['CustomerValue'];
export type Order = Schemas['Order'];
export type OrderLine = Order['lines'][number];
export type Overview = Schemas['CustomerOverview'];
export type AuditEntry = Schemas['AuditEntry'];
export type CustomField = Schemas['CustomField'];
export type SavedView = Schemas['View'];
export type ConsentHistory = Schemas['ConsentHistory'];

export type KbArticle = Schemas['KbArticle'];
export type KbArticleInput = Schemas['KbArticleInput'];
export type KbCategory = Schemas['KbCategory'];
export type KbRevision = Schemas['KbRevision'];
export type KbRevisionSummary = Schemas['KbRevisionSummary'];
export type KbSettings = Schemas['KbSettings'];
export type KbSynonyms = Schemas['KbSynonyms'];
export type KbSearchHit = Schemas['KbSearchHit'];

export type CustomerHealth = Schemas['CustomerHealth'];
export type BadExperience = Schemas['BadExperience'];
export type HealthDistribution = Schemas['HealthDistribution'];
export type AtRiskPage = Schemas['AtRiskPage'];
export type AtRiskCustomer = Schemas['AtRiskCustomer'];
export type RecentBadExperienceList = Schemas['RecentBadExperienceList'];

// Reviews (docs/design/reviews.md).
export type Review = Schemas['Review'];
export type ReviewStats = Schemas['ReviewStats'];
