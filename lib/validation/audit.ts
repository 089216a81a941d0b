// What the audit log records changes of; shared by the data layer, the API and the audit page.
export const AUDIT_ENTITY_TYPES = ["configuration", "user", "api_token", "conversation"] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];
